#!/usr/bin/env node
// `npm install` runs this: builds the native IQ demodulator (native/) with the node-gyp that ships
// with npm. A failed build never fails the install — skyledger then uses the TypeScript demodulator
// and says so (`skyledger decode --format iq` prints which one is in use).
// When librtlsdr's header is present it also builds native/rtlsdr (direct dongle access, async
// transfers) as a separate addon, so a missing librtlsdr never costs the demodulator.
// SKYLEDGER_SKIP_NATIVE=1 skips both builds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stderr.write(`skyledger native demod: ${line}\n`);

function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  // npm's own copy, next to the npm that runs us or next to this node binary.
  if (process.env.npm_execpath) candidates.push(path.join(path.dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js'));
  candidates.push(path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    return createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

function build(gyp, directory, product, fallback) {
  const args = [gyp, 'rebuild', '--directory', path.join(root, directory)];
  // Installed Node headers let node-gyp build offline instead of downloading them.
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(prefix, 'include/node/node_api.h'))) args.push(`--nodedir=${prefix}`);
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const built = path.join(directory, 'build/Release', product);
  if (result.status === 0 && existsSync(path.join(root, built))) {
    say(`built ${built}`);
  } else {
    say(`build of ${directory} failed (${result.error?.message ?? `exit ${result.status}`}); ${fallback}`);
  }
}

function hasLibrtlsdr() {
  if (['/usr/include/rtl-sdr.h', '/usr/local/include/rtl-sdr.h'].some((h) => existsSync(h))) return true;
  return spawnSync('pkg-config', ['--exists', 'librtlsdr'], { stdio: 'ignore' }).status === 0;
}

function main() {
  if (process.env.SKYLEDGER_SKIP_NATIVE === '1') {
    say('skipped (SKYLEDGER_SKIP_NATIVE=1); the TypeScript demodulator will be used');
    return;
  }
  const gyp = findNodeGyp();
  if (!gyp) {
    say('node-gyp not found; the TypeScript demodulator will be used');
    return;
  }
  build(gyp, 'native', 'skyledger_demod.node', 'the TypeScript demodulator will be used');
  if (hasLibrtlsdr()) {
    build(gyp, 'native/rtlsdr', 'skyledger_rtlsdr.node', 'dongles are read through rtl_sdr/rtl_tcp instead');
  } else {
    say('librtlsdr-dev not found: direct dongle access not built (rtl_sdr/rtl_tcp still work)');
  }
}

main();
