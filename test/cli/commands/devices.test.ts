import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDevices } from '../../../src/cli/commands/devices.ts';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

describe('skyledger devices', () => {
  it('exits 0 with a plain answer on this machine’s real bus', async () => {
    // given this machine (no RTL-SDR attached here), when the command runs against the real USB bus
    const out = sink();
    const err = sink();
    const code = await runDevices(out.stream, err.stream);
    // then it answers plainly and succeeds
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^(no RTL-SDR dongle found|rtlsdr:\/\/0 )/);
    expect(err.text()).toBe('');
  });

  it('prints JSON when asked, and exits 1 when the bus cannot be listed', async () => {
    const out = sink();
    expect(await runDevices(out.stream, sink().stream, { json: true }, { list: async () => [] })).toBe(0);
    expect(JSON.parse(out.text())).toEqual([]);
    const err = sink();
    expect(await runDevices(sink().stream, err.stream, {}, { list: async () => { throw new Error('libusb missing'); } })).toBe(1);
    expect(err.text()).toContain('cannot list USB devices: libusb missing');
  });
});
