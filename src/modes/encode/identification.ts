// TC 1–4: aircraft identification and emitter category. The category's set letter picks the
// type code (A = 4 … D = 1) and its digit the 3-bit category field.
import { writeMe } from './bit-writer.ts';
import { writeCallsign } from './callsign.ts';
import { newExtendedSquitter, sealExtendedSquitter, type SquitterAddress } from './extended-squitter.ts';

export interface IdentificationFields extends SquitterAddress {
  callsign: string;
  /** Emitter category "A0"–"D7" (default "A0": no category information). */
  category?: string;
}

const SET_TYPE_CODE: Record<string, number> = { A: 4, B: 3, C: 2, D: 1 };

export function encodeIdentification(fields: IdentificationFields): Uint8Array {
  const frame = newExtendedSquitter(fields);
  const category = fields.category ?? 'A0';
  const tc = SET_TYPE_CODE[category.charAt(0).toUpperCase()] ?? 4;
  const digit = category.charCodeAt(1) - 48;
  writeMe(frame, 1, 5, tc);
  writeMe(frame, 6, 8, digit >= 0 && digit <= 7 ? digit : 0);
  writeCallsign(frame, 41, fields.callsign);
  return sealExtendedSquitter(frame);
}
