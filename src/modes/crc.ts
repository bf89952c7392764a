// Mode S CRC-24 (generator 0x1FFF409), the syndrome tables that locate 1- and 2-bit errors, and
// their repair. A frame's last 24 bits are its parity; `crcRemainder` returns the syndrome, which
// is 0 for a clean DF11 (II=0)/17/18, the address for DF0/4/5/16/20/21 (address/parity), and the
// interrogator code in the low 7 bits for DF11.

const POLY = 0xfff409;

const TABLE = buildByteTable();

function buildByteTable(): Int32Array {
  const table = new Int32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let c = byte << 16;
    for (let bit = 0; bit < 8; bit++) {
      c = c & 0x800000 ? ((c << 1) ^ POLY) & 0xffffff : (c << 1) & 0xffffff;
    }
    table[byte] = c;
  }
  return table;
}

/** CRC-24 over `length` bytes of `data` starting at `offset`. */
export function crc24(data: Uint8Array, offset: number, length: number): number {
  let crc = 0;
  const end = offset + length;
  for (let i = offset; i < end; i++) {
    crc = ((crc << 8) & 0xffffff) ^ TABLE[((crc >>> 16) ^ data[i]) & 0xff];
  }
  return crc;
}

/** The syndrome: CRC of the data bits XOR the transmitted parity. `bytes` is 7 or 14 long. */
export function crcRemainder(frame: Uint8Array, byteLength: number = frame.length): number {
  const n = byteLength - 3;
  const parity = (frame[n] << 16) | (frame[n + 1] << 8) | frame[n + 2];
  return crc24(frame, 0, n) ^ parity;
}

/** Writes the parity for `frame` with the given address/parity overlay (0 for DF11/17/18). */
export function writeParity(frame: Uint8Array, overlay = 0, byteLength: number = frame.length): void {
  const n = byteLength - 3;
  const p = crc24(frame, 0, n) ^ overlay;
  frame[n] = (p >>> 16) & 0xff;
  frame[n + 1] = (p >>> 8) & 0xff;
  frame[n + 2] = p & 0xff;
}

/**
 * A syndrome → error-bit(s) table for one frame length. Bits are numbered from 0 (first bit of
 * the frame). The DF bits (first 5) are never corrected: changing them changes what the frame is.
 * `first`/`second` hold the bit positions (second = -1 for single-bit errors).
 */
export interface SyndromeTable {
  readonly bits: number;
  lookup(syndrome: number): number;
  readonly first: Int16Array;
  readonly second: Int16Array;
}

const FIRST_CORRECTABLE_BIT = 5;

function syndromeOfBit(bits: number, bit: number): number {
  const frame = new Uint8Array(bits / 8);
  frame[bit >> 3] = 0x80 >> (bit & 7);
  return crcRemainder(frame);
}

class OpenAddressSyndromeTable implements SyndromeTable {
  readonly bits: number;
  readonly first: Int16Array;
  readonly second: Int16Array;
  private readonly keys: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(bits: number, maxErrors: 1 | 2, syndromeMask = 0xffffff) {
    this.bits = bits;
    const single: number[] = [];
    for (let b = FIRST_CORRECTABLE_BIT; b < bits; b++) single[b] = syndromeOfBit(bits, b) & syndromeMask;
    const entries: Array<[number, number, number]> = [];
    for (let a = FIRST_CORRECTABLE_BIT; a < bits; a++) {
      entries.push([single[a], a, -1]);
      if (maxErrors === 2) for (let b = a + 1; b < bits; b++) entries.push([single[a] ^ single[b], a, b]);
    }
    // Syndromes shared by two error patterns are ambiguous: such a frame cannot be repaired.
    const counts = new Map<number, number>();
    for (const [s] of entries) counts.set(s, (counts.get(s) ?? 0) + 1);
    const unique = entries.filter(([s]) => counts.get(s) === 1 && s !== 0);
    let size = 1;
    while (size < unique.length * 4) size <<= 1;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.slots = new Int32Array(size).fill(-1);
    this.first = new Int16Array(unique.length);
    this.second = new Int16Array(unique.length);
    unique.forEach(([s, a, b], index) => {
      this.first[index] = a;
      this.second[index] = b;
      let h = hash(s) & this.mask;
      while (this.keys[h] !== -1) h = (h + 1) & this.mask;
      this.keys[h] = s;
      this.slots[h] = index;
    });
  }

  /** Index into `first`/`second`, or -1 when the syndrome is not a known correctable pattern. */
  lookup(syndrome: number): number {
    let h = hash(syndrome) & this.mask;
    for (;;) {
      const k = this.keys[h];
      if (k === syndrome) return this.slots[h];
      if (k === -1) return -1;
      h = (h + 1) & this.mask;
    }
  }
}

function hash(s: number): number {
  return Math.imul(s, 0x9e3779b1) >>> 8;
}

let tables: { long1: SyndromeTable; long2: SyndromeTable; short1: SyndromeTable; df11: SyndromeTable } | undefined;

/** Built on first use (the 2-bit table holds ~6,000 entries and takes a few ms). */
export function syndromeTables(): { long1: SyndromeTable; long2: SyndromeTable; short1: SyndromeTable; df11: SyndromeTable } {
  tables ??= {
    long1: new OpenAddressSyndromeTable(112, 1),
    long2: new OpenAddressSyndromeTable(112, 2),
    short1: new OpenAddressSyndromeTable(56, 1),
    // DF11 parity carries the interrogator code in its low 7 bits, so errors are found on the rest.
    df11: new OpenAddressSyndromeTable(56, 1, 0xffff80),
  };
  return tables;
}

/** Flips the bits the table entry names. Returns how many bits were flipped. */
export function applyRepair(frame: Uint8Array, table: SyndromeTable, entry: number): number {
  const a = table.first[entry];
  frame[a >> 3] ^= 0x80 >> (a & 7);
  const b = table.second[entry];
  if (b < 0) return 1;
  frame[b >> 3] ^= 0x80 >> (b & 7);
  return 2;
}
