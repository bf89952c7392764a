import { describe, expect, it } from 'vitest';
import { parseSourceUri, SourceUriError } from '../../src/sources/uri.ts';

describe('source URIs', () => {
  it.each([
    ['rtlsdr://', { kind: 'rtlsdr', index: 0, gain: 'auto', ppm: 0, sampleRate: 2_400_000 }],
    ['rtlsdr://1?gain=42.1&ppm=-3&rate=2000000', { kind: 'rtlsdr', index: 1, gain: 42.1, ppm: -3, sampleRate: 2_000_000 }],
    ['rtlsdr://0?gain=max', { kind: 'rtlsdr', gain: 49.6 }],
    ['rtltcp://127.0.0.1:1234?agc=1', { kind: 'rtltcp', host: '127.0.0.1', port: 1234, agc: true, gain: 'auto' }],
    ['rtltcp://sdr.local', { kind: 'rtltcp', host: 'sdr.local', port: 1234 }],
    ['beast://localhost:30005', { kind: 'tcp', format: 'beast', host: 'localhost', port: 30005 }],
    ['beast://localhost', { kind: 'tcp', format: 'beast', port: 30005 }],
    ['avr://[::1]:30002', { kind: 'tcp', format: 'avr', host: '::1', port: 30002 }],
    ['sbs://piaware', { kind: 'tcp', format: 'sbs', host: 'piaware', port: 30003 }],
    ['serial:///dev/ttyUSB0?baud=3000000&format=beast', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 3_000_000, format: 'beast', modeAC: false }],
    ['serial:///dev/ttyACM0?format=avr&adsbpic=02', { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115_200, format: 'avr', adsbPicMode: '02' }],
    ['file:///tmp/capture.beast?speed=max', { kind: 'file', path: '/tmp/capture.beast', speed: 'max', loop: false }],
    ['file://captures/x%20y.avr?speed=1&start=1522782148.5', { kind: 'file', path: 'captures/x y.avr', speed: 1, startTime: 1522782148500 }],
    ['file://a.log?format=ndjson&speed=2.5&start=2024-01-01T00:00:00Z', { kind: 'file', format: 'ndjson', speed: 2.5, startTime: Date.UTC(2024, 0, 1) }],
    ['file://capture.iq?rate=2400000', { kind: 'iq-file', path: 'capture.iq', sampleRate: 2_400_000, speed: 'max' }],
    ['file://modes1.bin?rate=2000000&speed=1', { kind: 'iq-file', sampleRate: 2_000_000, speed: 1 }],
    ['file://x.cu8', { kind: 'iq-file', sampleRate: 2_400_000 }],
    ['file://x.dat?format=iq', { kind: 'iq-file' }],
    ['demo', { kind: 'demo', speed: 1 }],
  ])('%s', (uri, expected) => {
    // given a URI from DESIGN.md §4, when parsed, then its typed config carries the parts
    expect(parseSourceUri(uri)).toMatchObject({ uri, ...expected });
  });

  it.each([
    ['localhost:30005', /expected SCHEME/],
    ['http://example.org', /unknown scheme "http"/],
    ['beast://host:99999', /port must be between 1 and 65535/],
    ['beast://host:30005?speed=1', /takes no options/],
    ['avr://', /expected HOST/],
    ['rtlsdr://abc', /device index must be an integer/],
    ['rtlsdr://0?gain=loud', /gain must be auto, max or 0–60 dB/],
    ['rtlsdr://0?rate=500000', /unusable 300k–900k band/],
    ['rtlsdr://0?rate=2400000&rate=2000000', /given twice/],
    ['rtltcp://h?agc=maybe', /agc must be 1 or 0/],
    ['serial://', /missing path/],
    ['serial:///dev/ttyUSB0?format=sbs', /format must be beast or avr/],
    ['serial:///dev/ttyUSB0?adsbpic=02', /adsbpic applies to format=avr/],
    ['serial:///dev/ttyUSB0?baud=fast', /baud must be an integer/],
    ['file:///x.beast?speed=0', /speed must be max or a positive number/],
    ['file:///x.beast?speed=fast', /speed must be max or a positive number/],
    ['file:///x.beast?format=csv', /format must be beast, avr, ndjson or iq/],
    ['file:///x.beast?rate=2400000&format=beast', /rate applies to IQ/],
    ['file:///x.beast?start=yesterday', /start must be UNIX seconds/],
    ['file:///x.beast?colour=red', /unknown option "colour" \(allowed: speed, format, rate, start, loop\)/],
  ])('rejects %s clearly', (uri, message) => {
    // given a malformed URI, when parsed, then the error names what is wrong
    expect(() => parseSourceUri(uri)).toThrow(SourceUriError);
    expect(() => parseSourceUri(uri)).toThrow(message);
  });
});
