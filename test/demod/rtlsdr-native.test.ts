// The optional librtlsdr addon: no dongle is attached where tests run, so this checks what can be
// checked without one — it loads, counts devices, and turns a missing device into a message.
import { describe, expect, it } from 'vitest';
import { listRtlSdrDevices, openRtlSdr, rtlsdrAvailable } from '../../native/rtlsdr-loader.ts';

const availability = rtlsdrAvailable();
const describeBuilt = availability.available ? describe : describe.skip;

describeBuilt(`native librtlsdr access (${availability.available ? 'built' : availability.reason})`, () => {
  it('lists the attached dongles (possibly none) with their names', () => {
    const devices = listRtlSdrDevices();
    expect(Array.isArray(devices)).toBe(true);
    for (const d of devices) expect(typeof d.name).toBe('string');
  });

  it('answers a device that is not there with a message instead of a crash', () => {
    const reader = openRtlSdr({ index: 99 }, () => undefined, () => undefined);
    expect(reader).toEqual({ error: expect.stringMatching(/^cannot open RTL-SDR device 99 \(librtlsdr error -?\d+; \d+ device\(s\) found\)$/) });
  });
});
