// RTL-SDR samples are unsigned 8-bit I and Q centred on 127.5. The demodulator only needs the
// envelope, so every possible (I, Q) pair is turned into a magnitude once, here, and the hot loop
// does one table lookup per sample. The native addon builds the same table with the same formula
// (floor(x + 0.5) in double precision), so both paths see identical magnitudes.

/** Magnitude of an amplitude of 127.5 (a full-scale single axis): the 0 dBFS reference. */
export const FULL_SCALE_MAGNITUDE = 46341;

/** Magnitude by `(I << 8) | Q`. The largest possible amplitude (127.5·√2) maps to 65535. */
export const MAGNITUDE: Uint16Array = buildMagnitudeTable();

function buildMagnitudeTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let i = 0; i < 256; i++) {
    const di = i - 127.5;
    for (let q = 0; q < 256; q++) {
      const dq = q - 127.5;
      const m = Math.floor((Math.sqrt(di * di + dq * dq) * FULL_SCALE_MAGNITUDE) / 127.5 + 0.5);
      table[(i << 8) | q] = m > 65535 ? 65535 : m;
    }
  }
  return table;
}
