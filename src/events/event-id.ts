// Deterministic event ids: a UUID with the version-5 layout (SHA-1 of a namespace and a name), the
// name being what makes an observation unique — receiver, reception time, frame bytes, event type.
// The same capture injected twice therefore yields the same ids and appends nothing new.
import { createHash } from 'node:crypto';

/** The namespace UUID's 16 bytes (a fixed, project-chosen UUID: 6f1d5a0e-7c4b-5e51-9a3c-2b8d0c1e4f60). */
const NAMESPACE = Uint8Array.from([0x6f, 0x1d, 0x5a, 0x0e, 0x7c, 0x4b, 0x5e, 0x51, 0x9a, 0x3c, 0x2b, 0x8d, 0x0c, 0x1e, 0x4f, 0x60]);

const HEX: string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * @param frame the frame bytes the event was derived from; empty for events without one (ticks).
 */
export function eventId(source: string, timeMicros: number, frame: Uint8Array, type: string): string {
  const hash = createHash('sha1');
  hash.update(NAMESPACE);
  hash.update(`${source}\n${timeMicros}\n${type}\n`);
  hash.update(frame);
  const d = hash.digest();
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  return uuidFromBytes(d);
}

export function uuidFromBytes(b: Uint8Array): string {
  return (
    HEX[b[0]] + HEX[b[1]] + HEX[b[2]] + HEX[b[3]] + '-' + HEX[b[4]] + HEX[b[5]] + '-' + HEX[b[6]] + HEX[b[7]] + '-' +
    HEX[b[8]] + HEX[b[9]] + '-' + HEX[b[10]] + HEX[b[11]] + HEX[b[12]] + HEX[b[13]] + HEX[b[14]] + HEX[b[15]]
  );
}

/** Where each of the 16 bytes' two digits start in the 36-character spelling. */
const BYTE_AT = Uint8Array.from([0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]);
/** A character code's value as a lower-case hex digit, -1 for anything else. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let d = 0; d < 10; d++) NIBBLE[48 + d] = d;
for (let d = 0; d < 6; d++) NIBBLE[97 + d] = 10 + d;

/**
 * Writes the 16 bytes of a canonical lower-case UUID into `out`; false when `uuid` is not one
 * (`out` then holds garbage). Table-driven and branch-light: the log calls it for every append.
 */
export function uuidToBytes(uuid: string, out: Uint8Array): boolean {
  if (uuid.length !== 36) return false;
  if (uuid.charCodeAt(8) !== 45 || uuid.charCodeAt(13) !== 45 || uuid.charCodeAt(18) !== 45 || uuid.charCodeAt(23) !== 45) return false;
  let bad = 0;
  for (let j = 0; j < 16; j++) {
    const i = BYTE_AT[j];
    const a = uuid.charCodeAt(i);
    const b = uuid.charCodeAt(i + 1);
    const hi = a < 128 ? NIBBLE[a] : -1;
    const lo = b < 128 ? NIBBLE[b] : -1;
    bad |= hi | lo;
    out[j] = (hi << 4) | lo;
  }
  return bad >= 0;
}
