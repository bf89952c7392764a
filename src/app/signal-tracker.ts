// What the receiver hears of each aircraft right now: frames and signal strength, for
// aircraft.json's per-aircraft `messages` and `rssi` as dump1090 reports them. This is live receiver
// state, not a read model: it is not in the events (law 3 keeps it out of the projections), starts
// empty and is forgotten on restart, like dump1090's own. Only DF11/17/18 carry their address in
// the clear, so only they are counted; the average is over the last 8 frames' power, as dump1090's.
import type { FrameBatch } from '../sources/frame-batch.ts';

interface Heard {
  frames: number;
  power: Float64Array;
  next: number;
  filled: number;
  lastMs: number;
}

export interface LiveSignal {
  /** Frames heard (DF11/17/18), since start. */
  messages: number;
  /** dBFS, one decimal; undefined when the source gives no signal level. */
  rssi?: number;
}

const WINDOW = 8;
const FORGET_MS = 600_000;
const MAX_TRACKED = 20_000;

export class SignalTracker {
  private readonly heard = new Map<number, Heard>();
  private lastPrune = 0;

  note(batch: FrameBatch): void {
    for (let i = 0; i < batch.length; i++) {
      const b = batch.bytesOf(i);
      const df = b[0] >> 3;
      if ((df !== 11 && df !== 17 && df !== 18) || b.length < 7 || batch.mlat(i)) continue;
      const address = (b[1] << 16) | (b[2] << 8) | b[3];
      let h = this.heard.get(address);
      if (h === undefined) {
        h = { frames: 0, power: new Float64Array(WINDOW), next: 0, filled: 0, lastMs: 0 };
        this.heard.set(address, h);
      }
      h.frames++;
      h.lastMs = batch.receivedAt[i];
      const s = batch.signal[i];
      if (s > 0) {
        const amplitude = s / 255;
        h.power[h.next] = amplitude * amplitude;
        h.next = (h.next + 1) % WINDOW;
        if (h.filled < WINDOW) h.filled++;
      }
    }
    if (batch.length > 0) this.prune(batch.receivedAt[batch.length - 1]);
  }

  of(icao: string): LiveSignal | undefined {
    const h = this.heard.get(parseInt(icao, 16));
    if (h === undefined) return undefined;
    if (h.filled === 0) return { messages: h.frames };
    let sum = 0;
    for (let k = 0; k < h.filled; k++) sum += h.power[k];
    return { messages: h.frames, rssi: Math.round(100 * Math.log10(sum / h.filled)) / 10 };
  }

  get size(): number {
    return this.heard.size;
  }

  private prune(nowMs: number): void {
    if (nowMs - this.lastPrune < 10_000 && this.heard.size < MAX_TRACKED) return;
    this.lastPrune = nowMs;
    for (const [address, h] of this.heard) if (nowMs - h.lastMs > FORGET_MS) this.heard.delete(address);
    // Corrupt frames can invent addresses faster than they age out.
    if (this.heard.size >= MAX_TRACKED) this.heard.clear();
  }
}
