// Sensitivity against a real receiver: dump1090-mutability's 2.4 MSPS demodulator reads the same
// modulator capture from a file; we must find at least as many of the true frames.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { bytesToHex } from '../../src/modes/message.ts';
import { createIqDemodulator } from '../../native/loader.ts';
import { describeWithPrograms } from '../helpers/external.ts';
import { makeCapture } from './capture.ts';

const run = promisify(execFile);

describeWithPrograms('IQ demodulator against dump1090-mutability (2.4 MSPS)', ['dump1090-mutability'], 'dump1090-mutability', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-demod-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const snr of [25, 15, 12, 10]) {
    it(`finds at least as many true frames as dump1090-mutability at ${snr} dB SNR`, async () => {
      const capture = makeCapture(2_400_000, snr, 100 + snr);
      const file = path.join(dir, `snr${snr}.iq`);
      writeFileSync(file, capture.iq);
      const truth = new Set(capture.truth.map((t) => t.hex));
      const { stdout } = await run('dump1090-mutability', ['--ifile', file, '--iformat', 'UC8', '--raw'], { maxBuffer: 1 << 26 });
      const theirs = new Set(stdout.split('\n').filter((l) => l.startsWith('*')).map((l) => l.slice(1, l.indexOf(';')).toLowerCase()));
      const theirTrue = [...theirs].filter((h) => truth.has(h)).length;
      for (const implementation of ['typescript', 'native'] as const) {
        const chosen = createIqDemodulator(2_400_000, implementation);
        if ('error' in chosen) {
          expect(implementation).toBe('native');
          continue;
        }
        const ours = new Set<string>();
        const sink = (f: { bytes: Uint8Array }): void => void ours.add(bytesToHex(f.bytes).toLowerCase());
        chosen.demodulator.push(capture.iq, sink);
        chosen.demodulator.end(sink);
        const ourTrue = [...ours].filter((h) => truth.has(h)).length;
        expect(ourTrue, `${implementation}: ours ${ourTrue}, dump1090-mutability ${theirTrue} of ${truth.size}`).toBeGreaterThanOrEqual(theirTrue);
        if (snr === 25) expect(ourTrue / truth.size).toBeGreaterThanOrEqual(0.97);
      }
    });
  }
});
