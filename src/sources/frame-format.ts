// Which framing parser reads a byte stream, by name, by file extension, or by sniffing its first
// bytes. Sniffing is needed for captures like `ulss7-beast-bin-utc--1522782148.136310917--.log`
// whose extension says nothing.
import { AvrParser } from '../wire/avr.ts';
import { BeastParser } from '../wire/beast.ts';
import type { FrameParser } from '../wire/raw-frame.ts';

export type FrameFormat = 'beast' | 'avr';

export const FRAME_FORMATS: readonly FrameFormat[] = ['beast', 'avr'];

export function newFrameParser(format: FrameFormat): FrameParser {
  return format === 'beast' ? new BeastParser() : new AvrParser();
}

/** The format a file name implies, ignoring a trailing `.gz`; undefined when it implies none. */
export function formatFromName(name: string): FrameFormat | undefined {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(beast|bst)$/.test(lower)) return 'beast';
  if (/\.(avr|raw|txt)$/.test(lower)) return 'avr';
  return undefined;
}

/**
 * The format the first bytes look like: Beast when 0x1a + a frame type appears near the start,
 * AVR when the first non-blank byte is an AVR lead or a hex digit; undefined otherwise.
 */
export function formatFromBytes(head: Uint8Array): FrameFormat | undefined {
  const n = Math.min(head.length, 64);
  for (let i = 0; i + 1 < n; i++) {
    if (head[i] === 0x1a && head[i + 1] >= 0x31 && head[i + 1] <= 0x35) return 'beast';
  }
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === 0x2a || c === 0x40 || c === 0x25 || c === 0x3c || c === 0x3a) return 'avr';
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)) return 'avr';
    return undefined;
  }
  return undefined;
}

/**
 * A parser that picks its format from the first chunk it sees (after `hint`, when given), so a
 * file source need not read ahead. An undecidable stream is read as Beast, whose resync counts
 * everything that is not a frame as garbage.
 */
export class SniffingParser implements FrameParser {
  private inner: FrameParser | undefined;
  private readonly hint: FrameFormat | undefined;
  format: FrameFormat | undefined;

  constructor(hint?: FrameFormat) {
    this.hint = hint;
    if (hint) {
      this.format = hint;
      this.inner = newFrameParser(hint);
    }
  }

  get stats(): FrameParser['stats'] {
    return (this.inner ?? EMPTY).stats;
  }

  push(chunk: Uint8Array, sink: Parameters<FrameParser['push']>[1]): void {
    if (!this.inner) {
      if (chunk.length === 0) return;
      this.format = this.hint ?? formatFromBytes(chunk) ?? 'beast';
      this.inner = newFrameParser(this.format);
    }
    this.inner.push(chunk, sink);
  }

  end(sink: Parameters<FrameParser['end']>[0]): number {
    return this.inner ? this.inner.end(sink) : 0;
  }
}

const EMPTY: Pick<FrameParser, 'stats'> = { stats: { frames: 0, modeac: 0, heartbeats: 0, garbage: 0, bytes: 0 } };
