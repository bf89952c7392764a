// Which wire format a capture or stream is in, from its first bytes and, when those do not settle
// it, from its file name. Used by `skyledger decode` without `--format` and by `file://` sources.
// The content wins over the name: people rename files, but a Beast stream always starts with 0x1a.
import { BeastParser } from './beast.ts';
import { HEX_NIBBLE } from './hex.ts';

export type InputFormat = 'avr' | 'beast' | 'ndjson' | 'sbs' | 'iq';

/** How many leading bytes `detectFormat` looks at; pass at least this many when you have them. */
export const DETECT_HEAD_BYTES = 512;

const NAME_HINTS: Record<string, InputFormat> = {
  avr: 'avr',
  beast: 'beast',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  sbs: 'sbs',
  basestation: 'sbs',
  iq: 'iq',
  cu8: 'iq',
  bin: 'iq',
};

const SBS_RECORDS = ['MSG,', 'SEL,', 'ID,', 'AIR,', 'STA,', 'CLK,'];

/**
 * The format of a stream whose first bytes are `head`, or, failing that, the one its file name
 * suggests (`name` may be a path; its dotted parts are read from the last one back, so
 * `modes1.bin.raw.avr.txt` is AVR). Undefined when neither settles it.
 */
export function detectFormat(head: Uint8Array, name?: string): InputFormat | undefined {
  return detectFromContent(head.subarray(0, DETECT_HEAD_BYTES)) ?? (name === undefined ? undefined : formatFromName(name));
}

export function formatFromName(name: string): InputFormat | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).toLowerCase();
  const parts = base.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const hint = NAME_HINTS[parts[i]];
    if (hint !== undefined) return hint;
  }
  return undefined;
}

function detectFromContent(head: Uint8Array): InputFormat | undefined {
  if (head.length === 0) return undefined;
  if (isBinary(head)) return looksLikeBeast(head) ? 'beast' : undefined;
  let at = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) at = 3;
  while (at < head.length && (head[at] === 0x20 || head[at] === 0x09 || head[at] === 0x0d || head[at] === 0x0a)) at++;
  if (at === head.length) return undefined;
  const first = head[at];
  if (first === 0x7b || first === 0x5b) return 'ndjson'; // { [
  if (first === 0x2a || first === 0x3a || first === 0x40 || first === 0x25 || first === 0x3c) return 'avr'; // * : @ % <
  const text = String.fromCharCode(...head.subarray(at, at + 5));
  if (SBS_RECORDS.some((record) => text.startsWith(record))) return 'sbs';
  return isBareHexLine(head, at) ? 'avr' : undefined;
}

/**
 * Text formats are UTF-8 without control characters other than tab, CR and LF. 8-bit IQ hovers
 * around 0x7f/0x80, so it fails this even when it happens to contain no control bytes.
 */
function isBinary(head: Uint8Array): boolean {
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true;
  }
  try {
    // stream: a character cut off at the end of the head is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return false;
  } catch {
    return true;
  }
}

function looksLikeBeast(head: Uint8Array): boolean {
  const parser = new BeastParser({ modeAC: true });
  let units = 0;
  parser.push(head, () => {
    units++;
  });
  const s = parser.stats;
  units += s.heartbeats + s.status + s.positions;
  // A head that starts mid-frame may open with one junk run; more than that is not Beast.
  return units > 0 && s.garbage <= 1 + s.truncated;
}

/** Bare AVR: the first line is 4, 14 or 28 hex digits, optionally followed by `;`. */
function isBareHexLine(head: Uint8Array, at: number): boolean {
  let digits = 0;
  let i = at;
  for (; i < head.length && HEX_NIBBLE[head[i]] >= 0; i++) digits++;
  if (i < head.length && head[i] === 0x3b) i++;
  const ends = i === head.length || head[i] === 0x0a || head[i] === 0x0d;
  return ends && (digits === 4 || digits === 14 || digits === 28);
}
