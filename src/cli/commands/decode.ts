// `skyledger decode [FILE|-]`: frames in, one JSON object per accepted frame out, and a summary
// of everything rejected on stderr. The input format is chosen in `frameParserFor`, the one place
// a new framing (Beast, IQ) plugs in.
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { Decoder, type DecoderOptions } from '../../modes/decoder.ts';
import { messageRecord } from '../../modes/message-record.ts';
import { AvrParser } from '../../wire/avr.ts';
import { BeastParser } from '../../wire/beast.ts';
import { detectFormat } from '../../wire/detect-format.ts';
import { MLAT_MAGIC_TIMESTAMP, rssiFromSignal, type FrameParser, type RawFrame } from '../../wire/raw-frame.ts';
import type { SetExitCode } from './index.ts';
import { parseNumber } from './option-parsers.ts';
import { createIqDemodulator, describeIqChoice, iqStatsSummary } from '../../../native/loader.ts';

export const INPUT_FORMATS = ['avr', 'beast', 'iq'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** The framing parser for an input format; undefined for a format this build does not read. */
export function frameParserFor(format: string): FrameParser | undefined {
  switch (format) {
    case 'avr':
      // Mode A/C units are handed on so the decoder counts them under their own reject reason.
      return new AvrParser({ modeAC: true });
    case 'beast':
      return new BeastParser({ modeAC: true });
    default:
      return undefined;
  }
}

export interface DecodeRunOptions extends DecoderOptions {
  /** A name from INPUT_FORMATS, or 'auto' (the default): detected from the first bytes, then `fileName`. */
  format?: string;
  fileName?: string;
  /** Samples per second for --format iq (2400000 or 2000000). */
  rate?: number;
}

const TICKS_PER_SECOND = 12e6;

/** Decodes `input` to `out` (JSON lines) and writes the summary to `err`. Returns the exit code. */
export async function runDecode(input: Readable, out: Writable, err: Writable, options: DecodeRunOptions = {}): Promise<number> {
  const format = options.format ?? 'auto';
  let parser = format === 'auto' || format === 'iq' ? undefined : frameParserFor(format);
  if (format === 'iq') {
    // Raw u8 I/Q: the demodulator (native addon or TypeScript, said on stderr) is the framing.
    const rate = options.rate ?? 2_400_000;
    const chosen = createIqDemodulator(rate);
    if ('error' in chosen) {
      err.write(`skyledger decode: ${chosen.error}\n`);
      return 2;
    }
    err.write(`skyledger decode: ${describeIqChoice(chosen, rate)}\n`);
    parser = chosen.demodulator;
  }
  if (parser === undefined && format !== 'auto') {
    err.write(`skyledger decode: unknown format "${format}" (known: ${INPUT_FORMATS.join(', ')})\n`);
    return 2;
  }
  const decoder = new Decoder(options);
  // A reader that goes away (`| head`) ends the run quietly, as it does for other line tools.
  let outputClosed = false;
  out.on('error', () => {
    outputClosed = true;
  });
  let lines: string[] = [];
  const sink = (frame: RawFrame): void => {
    const ticks = frame.timestamp12;
    // The counter is only a time when the format carried one and it is not the MLAT-result marker.
    const time = ticks === ticks && ticks !== MLAT_MAGIC_TIMESTAMP ? ticks / TICKS_PER_SECOND : undefined;
    const msg = decoder.decode(frame.bytes, time);
    if (msg === null) return;
    const record = messageRecord(msg);
    if (frame.signal > 0) record.rssi = Math.round(rssiFromSignal(frame.signal) * 10) / 10;
    lines.push(JSON.stringify(record));
  };
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    if (outputClosed) return;
    if (!out.write(text)) {
      await new Promise<void>((resolve) => {
        out.once('drain', resolve);
        out.once('error', resolve);
      });
    }
  };
  try {
    for await (const chunk of input) {
      if (outputClosed) break;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
      if (parser === undefined) {
        const detected = detectFormat(bytes, options.fileName);
        parser = detected === undefined ? undefined : frameParserFor(detected);
        if (parser === undefined) {
          const what = detected === undefined ? 'cannot tell the input format' : `input looks like ${detected}, which decode does not read`;
          err.write(`skyledger decode: ${what}; use --format ${INPUT_FORMATS.join('|')}\n`);
          return 2;
        }
      }
      parser.push(bytes, sink);
      await flush();
    }
  } catch (error) {
    err.write(`skyledger decode: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  parser ??= frameParserFor('avr') as FrameParser;
  const truncated = parser.end(sink);
  await flush();
  err.write(summary(decoder, parser, truncated));
  return 0;
}

function summary(decoder: Decoder, parser: FrameParser, truncated: number): string {
  const { stats } = decoder;
  const rejected = Object.values(stats.rejected).reduce((a, b) => a + b, 0);
  const out = [`decoded ${stats.accepted} frames, rejected ${rejected}`];
  for (const [reason, count] of Object.entries(stats.rejected)) if (count > 0) out.push(`rejected ${reason}: ${count}`);
  if (stats.correctedBits[1] > 0) out.push(`corrected 1 bit: ${stats.correctedBits[1]}`);
  if (stats.correctedBits[2] > 0) out.push(`corrected 2 bits: ${stats.correctedBits[2]}`);
  for (const [counter, count] of Object.entries(stats.cpr)) if (count > 0) out.push(`cpr ${counter}: ${count}`);
  out.push(`parser garbage: ${parser.stats.garbage}`);
  if (parser.stats.heartbeats > 0) out.push(`parser heartbeats: ${parser.stats.heartbeats}`);
  if (truncated > 0) out.push(`parser truncated tail: ${truncated} bytes`);
  if ('preambles' in parser.stats) out.push(iqStatsSummary(parser.stats as Parameters<typeof iqStatsSummary>[0]));
  return `${out.join('\n')}\n`;
}

export function registerDecode(program: Command, setExitCode: SetExitCode): void {
  program
    .command('decode')
    .description('decode a capture (AVR text or Beast binary; FILE or - for stdin) to one JSON object per accepted frame')
    .argument('[file]', 'input file, or - for stdin', '-')
    .option('--format <format>', `input format (${INPUT_FORMATS.join('|')}|auto: from the first bytes or the file name)`, 'auto')
    .option('--rate <samples/s>', 'sample rate for --format iq: 2400000 (default) or 2000000', parseNumber('rate'))
    .option('--lat <deg>', 'receiver latitude, for CPR decoding', parseNumber('lat'))
    .option('--lon <deg>', 'receiver longitude, for CPR decoding', parseNumber('lon'))
    .option('--max-range <nm>', 'receiver range limit in nautical miles', parseNumber('max-range'))
    .option('--fix-two-bits', 'also repair 2-bit errors in DF17/18 (flagged corrected_bits 2)')
    .action(async (file: string, opts: { format: string; rate?: number; lat?: number; lon?: number; maxRange?: number; fixTwoBits?: boolean }) => {
      if ((opts.lat === undefined) !== (opts.lon === undefined)) {
        process.stderr.write('skyledger decode: --lat and --lon go together\n');
        setExitCode(2);
        return;
      }
      const input = file === '-' ? process.stdin : createReadStream(file);
      setExitCode(
        await runDecode(input, process.stdout, process.stderr, {
          format: opts.format,
          fileName: file === '-' ? undefined : file,
          rate: opts.rate,
          receiver: opts.lat !== undefined && opts.lon !== undefined ? { lat: opts.lat, lon: opts.lon } : undefined,
          maxRangeNm: opts.maxRange,
          fixTwoBits: opts.fixTwoBits === true,
        }),
      );
    });
}
