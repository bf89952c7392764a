// A decoded message as a plain JSON-ready record, keys in the order `skyledger decode` prints
// them (the identity of the frame first, then what it says, then the rest), absent keys omitted.
// Allocates: meant for output, not for the decode loop.
import { bytesToHex, icaoHex, OPTIONAL_MESSAGE_KEYS, type ModeSMessage } from './message.ts';

const LEADING_KEYS = [
  'tc', 'callsign', 'category', 'altitude', 'altitude_type', 'squawk', 'emergency', 'on_ground', 'cpr_format',
  'cpr_lat', 'cpr_lon', 'latitude', 'longitude', 'ground_speed', 'heading', 'vertical_rate', 'vertical_rate_source',
  'airspeed_type', 'airspeed',
] as const satisfies readonly (keyof ModeSMessage)[];

const LEADING = new Set<string>(LEADING_KEYS);
const TRAILING_KEYS = OPTIONAL_MESSAGE_KEYS.filter((k) => !LEADING.has(k));

export function messageRecord(msg: ModeSMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    raw: bytesToHex(msg.bytes),
    df: msg.df,
  };
  if (msg.icao >= 0) out.icao = icaoHex(msg.icao);
  out.crc_ok = msg.crc_ok;
  out.corrected_bits = msg.corrected_bits;
  for (const key of LEADING_KEYS) if (msg[key] !== undefined) out[key] = msg[key];
  if (Number.isFinite(msg.timestamp)) out.timestamp = msg.timestamp;
  for (const key of TRAILING_KEYS) if (msg[key] !== undefined) out[key] = msg[key];
  return out;
}
