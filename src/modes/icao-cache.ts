// Addresses recently confirmed by a frame with a real CRC check (clean DF11 with II 0, DF17,
// DF18 CF 0). Address/parity replies (DF0/4/5/16/20/21) only reveal an address by assuming the
// frame is error-free, so they are believed only for addresses seen here within the TTL — as
// dump1090 does. Time is the frames' own time; NaN (unknown) entries and queries never expire.

export class IcaoCache {
  private readonly seen = new Map<number, number>();
  private readonly ttl: number;
  private lastSweep = Number.NaN;

  constructor(ttlSeconds = 60) {
    this.ttl = ttlSeconds;
  }

  confirm(icao: number, time: number): void {
    this.seen.set(icao, time);
    // Forget long-gone addresses once per TTL of frame time so the map stays the size of the sky.
    if (time === time) {
      if (this.lastSweep !== this.lastSweep || time < this.lastSweep) this.lastSweep = time;
      else if (time - this.lastSweep > this.ttl) this.sweep(time);
    }
  }

  isKnown(icao: number, time: number): boolean {
    const at = this.seen.get(icao);
    if (at === undefined) return false;
    // Unknown times, and frames older than the confirmation (replayed captures jump back), count as fresh.
    return !(time - at > this.ttl);
  }

  size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    for (const [icao, at] of this.seen) if (now - at > this.ttl) this.seen.delete(icao);
    this.lastSweep = now;
  }
}
