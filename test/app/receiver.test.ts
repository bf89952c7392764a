// A receiver reading a recorded IQ capture stamps its frames with the capture's own time (start
// time + sample count), never with the clock of the machine replaying it (DESIGN §3).
import { copyFileSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ingest } from '../../src/app/ingest.ts';
import { Receiver } from '../../src/app/receiver.ts';
import { parseSourceSpecs } from '../../src/app/source-spec.ts';
import type { FrameBatch } from '../../src/sources/frame-batch.ts';
import { REPO } from '../helpers/shared.ts';

describe('Receiver', () => {
  it('given a recorded IQ file, when its frames are demodulated, then they carry the capture time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-receiver-'));
    const file = path.join(dir, 'capture.iq');
    copyFileSync(path.join(REPO, 'fixtures/sample-2400k.iq'), file);
    const start = Date.UTC(2020, 0, 1) / 1000;
    utimesSync(file, start, start);

    const times: number[] = [];
    const ingest = { push: (batch: FrameBatch) => { for (let i = 0; i < batch.length; i++) times.push(batch.receivedAt[i]); } };
    const [spec] = parseSourceSpecs([`file://${file}?rate=2400000`]);
    const receiver = new Receiver(spec, ingest as unknown as Ingest, () => {}, { info() {}, warn() {}, error() {} } as never);
    await receiver.run();
    await receiver.close();

    expect(times.length).toBeGreaterThan(100);
    // receivedAt is milliseconds since the epoch; the fixture holds well under a minute of samples.
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start * 1000);
    expect(Math.max(...times)).toBeLessThan((start + 60) * 1000);
  });
});
