// Installing never depends on a C compiler: the build script always exits 0, and without the addon
// `skyledger decode --format iq` runs the TypeScript demodulator and says so.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/shared.ts';

const run = promisify(execFile);

describe('native demodulator build and fallback', () => {
  it('lets the install succeed when the native build is skipped, and says what will be used', async () => {
    const { stderr } = await run(process.execPath, [path.join(REPO, 'scripts/build-native.mjs')], {
      env: { ...process.env, SKYLEDGER_SKIP_NATIVE: '1' },
    });
    expect(stderr).toContain('the TypeScript demodulator will be used');
  });

  it('decodes with the TypeScript demodulator when the addon is missing, and names the reason', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SKYLEDGER_NATIVE_ADDON: path.join(REPO, 'native/build/does-not-exist.node') };
    delete env.SKYLEDGER_DEMOD;
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'bin/skyledger.js'), 'decode', '--format', 'iq', '--rate', '2400000', path.join(REPO, 'fixtures/sample-2400k.iq')], { env, maxBuffer: 1 << 24 });
    expect(stderr).toMatch(/IQ demodulator: typescript \(.*does-not-exist\.node not built/);
    expect(stdout.trim().split('\n')).toHaveLength(200);
  });
});
