// Newline-delimited JSON (one value per line), the log's export format for CloudEvents. Lines are
// cut on bytes before decoding so a multi-byte character split across chunks is never mangled; a
// line that is not JSON, not UTF-8 or too long is a counted reason carrying its line number.
import { isUtf8 } from 'node:buffer';

export type NdjsonSink = (value: unknown, lineNumber: number) => void;

export type NdjsonMalformedReason = 'json' | 'encoding' | 'too-long';

export interface NdjsonParserStats {
  /** Values parsed. */
  values: number;
  /** Empty or whitespace-only lines, skipped. */
  blank: number;
  malformed: number;
  /** 1-based number of the most recent malformed line, 0 if none. */
  lastMalformedLine: number;
  /** Lines seen so far (the number of the last complete line). */
  lines: number;
  bytes: number;
}

export interface NdjsonParserOptions {
  /** Longest line in bytes; longer lines are skipped as malformed. Default 1 MiB. */
  maxLineBytes?: number;
  /** Told about each malformed line as it is skipped. */
  onMalformed?: (lineNumber: number, reason: NdjsonMalformedReason) => void;
}

const LF = 0x0a;
/** How a JSON text can begin; anything else is rejected without paying for a thrown SyntaxError. */
const JSON_START = /^[{["\-0-9tfn]/;

export class NdjsonParser {
  readonly stats: NdjsonParserStats = { values: 0, blank: 0, malformed: 0, lastMalformedLine: 0, lines: 0, bytes: 0 };

  private readonly decoder = new TextDecoder('utf-8');
  private readonly maxLineBytes: number;
  private readonly onMalformed: ((lineNumber: number, reason: NdjsonMalformedReason) => void) | undefined;
  /** Pieces of the line in progress (views into earlier chunks are copied: the caller may reuse them). */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private overLong = false;

  constructor(options: NdjsonParserOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? 1 << 20;
    this.onMalformed = options.onMalformed;
  }

  push(chunk: Uint8Array, sink: NdjsonSink): void {
    this.stats.bytes += chunk.length;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline < 0) break;
      this.finishLine(chunk, start, newline, sink);
      start = newline + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** Parses a last line without a newline; returns the bytes left over that made no value. */
  end(sink: NdjsonSink): number {
    const leftover = this.pendingBytes;
    if (leftover === 0 && !this.overLong) return 0;
    const before = this.stats.values;
    this.finishLine(new Uint8Array(0), 0, 0, sink);
    return this.stats.values > before ? 0 : leftover;
  }

  private keep(piece: Uint8Array): void {
    if (this.overLong) return;
    if (this.pendingBytes + piece.length > this.maxLineBytes) {
      this.pending = [];
      this.pendingBytes = 0;
      this.overLong = true;
      return;
    }
    this.pending.push(piece.slice());
    this.pendingBytes += piece.length;
  }

  private finishLine(chunk: Uint8Array, start: number, end: number, sink: NdjsonSink): void {
    const lineNumber = ++this.stats.lines;
    if (this.overLong || this.pendingBytes + (end - start) > this.maxLineBytes) {
      this.overLong = false;
      this.pending = [];
      this.pendingBytes = 0;
      this.malformed(lineNumber, 'too-long');
      return;
    }
    let bytes = chunk.subarray(start, end);
    if (this.pendingBytes > 0) {
      const joined = new Uint8Array(this.pendingBytes + bytes.length);
      let at = 0;
      for (const piece of this.pending) {
        joined.set(piece, at);
        at += piece.length;
      }
      joined.set(bytes, at);
      bytes = joined;
      this.pending = [];
      this.pendingBytes = 0;
    }
    // Checked, not caught: a garbage feed would otherwise throw (slowly) on every line.
    if (!isUtf8(bytes)) {
      this.malformed(lineNumber, 'encoding');
      return;
    }
    let text = this.decoder.decode(bytes);
    if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    text = text.trim();
    if (text.length === 0) {
      this.stats.blank++;
      return;
    }
    if (!JSON_START.test(text)) {
      this.malformed(lineNumber, 'json');
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.malformed(lineNumber, 'json');
      return;
    }
    this.stats.values++;
    sink(value, lineNumber);
  }

  private malformed(lineNumber: number, reason: NdjsonMalformedReason): void {
    this.stats.malformed++;
    this.stats.lastMalformedLine = lineNumber;
    this.onMalformed?.(lineNumber, reason);
  }
}

/** One NDJSON line (with its `\n`) for a value; JSON.stringify never emits a raw newline. */
export function writeNdjson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
