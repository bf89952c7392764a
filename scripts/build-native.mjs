#!/usr/bin/env node
// `npm install` runs this: builds the native IQ demodulator (native/) with the node-gyp that ships
// with npm. A failed build never fails the install — skyledger then uses the TypeScript demodulator
// and says so (`skyledger decode --format iq` prints which one is in use).
// SKYLEDGER_SKIP_NATIVE=1 skips the build.
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
  const args = [gyp, 'rebuild', '--directory', path.join(root, 'native')];
  // Installed Node headers let node-gyp build offline instead of downloading them.
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(prefix, 'include/node/node_api.h'))) args.push(`--nodedir=${prefix}`);
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status === 0 && existsSync(path.join(root, 'native/build/Release/skyledger_demod.node'))) {
    say('built native/build/Release/skyledger_demod.node');
  } else {
    say(`build failed (${result.error?.message ?? `exit ${result.status}`}); the TypeScript demodulator will be used`);
  }
}

main();
