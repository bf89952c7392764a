// Address/parity replies (DF0/4/5/16/20/21) carry no checkable CRC: the parity is overlaid with the
// address. Like dump1090, the demodulator accepts such a reply only when its address was recently
// confirmed by a clean DF11/17/18, otherwise noise would pass as traffic. Time is the sample count,
// never a clock. A direct-mapped table (a newer address evicts an older one in its slot) keeps it
// O(1) and allocation-free; the native addon mirrors it slot for slot.

const SLOTS = 4096;

export class KnownAddresses {
  private readonly address = new Int32Array(SLOTS).fill(-1);
  private readonly seen = new Float64Array(SLOTS);

  /** `ttl` is in samples (60 s of samples for dump1090's behaviour). */
  constructor(private readonly ttl: number) {}

  static slot(address: number): number {
    return ((Math.imul(address, 0x9e3779b1) >>> 0) >>> 20) & (SLOTS - 1);
  }

  remember(address: number, sample: number): void {
    const slot = KnownAddresses.slot(address);
    this.address[slot] = address;
    this.seen[slot] = sample;
  }

  has(address: number, sample: number): boolean {
    const slot = KnownAddresses.slot(address);
    return this.address[slot] === address && sample - this.seen[slot] <= this.ttl;
  }
}
