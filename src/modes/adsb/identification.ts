// TC 1–4: aircraft identification and emitter category (DO-260B 2.2.3.2.5). The category set
// follows the type code (TC 4 = set A … TC 1 = set D) and the 3-bit category picks one of eight.
import { decodeCallsign } from '../callsign.ts';
import type { ModeSMessage } from '../message.ts';
import { meField } from './me-field.ts';

const SET_LETTER = ['', 'D', 'C', 'B', 'A'];
const CATEGORY: string[][] = SET_LETTER.map((letter) => Array.from({ length: 8 }, (_, c) => `${letter}${c}`));

/** Emitter category code ("A0"–"D7") for type code 1–4 and the 3-bit category field. */
export function emitterCategory(tc: number, category: number): string {
  return CATEGORY[tc][category & 7];
}

export function decodeIdentification(frame: Uint8Array, msg: ModeSMessage, tc: number): void {
  msg.category = CATEGORY[tc][meField(frame, 6, 8)];
  // The eight characters are ME bits 9–56, byte-aligned at frame byte 5.
  msg.callsign = decodeCallsign(frame, 5);
}
