import { describe, expect, it } from 'vitest';
import { SignalTracker } from '../../src/app/signal-tracker.ts';
import { FrameBatch } from '../../src/sources/frame-batch.ts';
import { newRawFrame } from '../../src/wire/raw-frame.ts';

function batch(frames: [string, number][], at = 1000): FrameBatch {
  const b = new FrameBatch();
  for (const [hex, signal] of frames) {
    const f = newRawFrame();
    f.bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
    f.signal = signal;
    b.push(f, at);
  }
  return b;
}

describe('SignalTracker', () => {
  it('counts DF11/17/18 frames per address and averages the last 8 frames\' power in dBFS', () => {
    const t = new SignalTracker();
    const df17 = '8D4840D6202CC371C32CE0576098';
    const df11 = '5D4840D6ABCDEF';
    const df4 = '20001838CA3804';
    t.note(batch([[df17, 255], [df11, 255], [df4, 255]]));
    expect(t.of('4840D6')).toEqual({ messages: 2, rssi: 0 });
    // Power (s/255)^2 averaged over the last 8 frames: eight frames at 128/255 amplitude → -6.0 dBFS.
    t.note(batch(Array.from({ length: 8 }, () => [df17, 128] as [string, number])));
    expect(t.of('4840d6')).toEqual({ messages: 10, rssi: -6 });
    expect(t.of('ABCDEF')).toBeUndefined();
  });

  it('reports frames without rssi when the source gives no signal level (AVR)', () => {
    const t = new SignalTracker();
    t.note(batch([['8D4840D6202CC371C32CE0576098', -1]]));
    expect(t.of('4840D6')).toEqual({ messages: 1 });
  });
});
