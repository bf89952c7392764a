import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { rtlSdrArgs, rtlSdrSource } from '../../src/sources/rtlsdr-process.ts';
import type { SourceLogger } from '../../src/sources/source.ts';
import { describeWithPrograms } from '../helpers/external.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-rtlsdr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function drain(source: AsyncIterable<Uint8Array>): Promise<number> {
  return (async () => {
    let n = 0;
    for await (const b of source) n += b.length;
    return n;
  })();
}

function recordingLogger(): SourceLogger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = (obj: object, msg?: string): void => {
    lines.push({ ...obj, msg });
  };
  return { lines, debug: log, info: log, warn: log, error: log };
}

describe('rtl_sdr process source', () => {
  it('builds the rtl_sdr command line from the URI options', () => {
    expect(rtlSdrArgs({ index: 1, gain: 49.6, ppm: -2, sampleRate: 2_000_000 })).toEqual(['-d', '1', '-f', '1090000000', '-s', '2000000', '-g', '49.6', '-p', '-2', '-']);
    expect(rtlSdrArgs({})).toEqual(['-d', '0', '-f', '1090000000', '-s', '2400000', '-g', '0', '-p', '0', '-']);
  });

  it('says clearly when the program is missing, and does not crash', async () => {
    // given a program that does not exist
    const source = rtlSdrSource({ program: path.join(dir, 'no-rtl_sdr'), backoff: { initialMs: 10, maxMs: 20 } });
    const consumer = drain(source);
    // when it tries to start
    await vi.waitFor(() => expect(source.status.errors).toBeGreaterThanOrEqual(2));
    // then the error names the Debian package
    expect(source.status.lastError).toMatch(/not found: install the Debian package rtl-sdr/);
    await source.close();
    await expect(consumer).resolves.toBe(0);
  });

  it('streams the child’s stdout as even-length sample buffers and logs its stderr', async () => {
    // given a stand-in rtl_sdr that prints its arguments on stderr and 1001 sample bytes on stdout
    const fake = path.join(dir, 'fake-rtl_sdr');
    writeFileSync(fake, '#!/bin/sh\necho "args: $*" >&2\nhead -c 1001 /dev/zero | tr "\\000" "\\177"\n');
    chmodSync(fake, 0o755);
    const logger = recordingLogger();
    const source = rtlSdrSource({ program: fake, index: 2, gain: 40, reconnect: false, logger });
    // when it is read to the end
    const total = await drain(source);
    // then 500 samples arrive, the odd byte is counted, and stderr reached the log
    expect(total).toBe(1000);
    expect(source.status.reasons.dangling_iq_byte).toBe(1);
    expect(logger.lines.some((l) => l.stderr === 'args: -d 2 -f 1090000000 -s 2400000 -g 40 -p 0 -')).toBe(true);
    expect(source.status.state).toBe('closed');
  });

  it('kills the child when the consumer stops', async () => {
    // given a stand-in that streams forever
    const fake = path.join(dir, 'endless-rtl_sdr');
    const pidFile = path.join(dir, 'endless.pid');
    writeFileSync(fake, `#!/bin/sh\necho $$ > ${pidFile}\nexec cat /dev/zero\n`);
    chmodSync(fake, 0o755);
    const source = rtlSdrSource({ program: fake });
    let received = 0;
    for await (const b of source) {
      received += b.length;
      if (received > 1_000_000) break;
    }
    // then breaking out closes the source and the child is gone
    expect(source.status.state).toBe('closed');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow());
  });
});

describeWithPrograms('rtl_sdr without a dongle', ['rtl_sdr'], 'rtl-sdr', () => {
  it('reports rtl_sdr’s own complaint in the status and retries, without crashing', async () => {
    // given this machine, which has no RTL-SDR dongle
    const source = rtlSdrSource({ backoff: { initialMs: 20, maxMs: 40 } });
    const consumer = drain(source);
    // when rtl_sdr starts and gives up
    await vi.waitFor(() => expect(source.status.errors).toBeGreaterThanOrEqual(1), { timeout: 5000 });
    // then the status carries its reason
    expect(source.status.lastError).toMatch(/No supported devices found|exited/);
    await source.close();
    await expect(consumer).resolves.toBe(0);
  });
});
