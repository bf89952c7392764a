// The public surface of the wire formats: framing parsers and writers for AVR and Beast, the SBS
// observation feed, NDJSON lines, and format detection.
export {
  MLAT_MAGIC_TIMESTAMP, newRawFrame, rssiFromSignal,
  type FrameParser, type FrameSink, type ParserStats, type RawFrame,
} from './raw-frame.ts';
export { AvrParser, writeAvr, type AvrParserOptions, type AvrWriteOptions } from './avr.ts';
export {
  BeastParser, writeBeast, rssiToSignal,
  BEAST_ESCAPE, BEAST_MODE_AC, BEAST_SHORT, BEAST_LONG, BEAST_STATUS, BEAST_POSITION,
  type BeastParserOptions, type BeastParserStats, type ReceiverPositionSink,
} from './beast.ts';
export { SbsParser, parseSbsLine, writeSbs, type SbsObservation, type SbsSink, type SbsParserStats, type SbsParserOptions } from './sbs.ts';
export { NdjsonParser, writeNdjson, type NdjsonSink, type NdjsonParserStats, type NdjsonParserOptions, type NdjsonMalformedReason } from './ndjson.ts';
export { detectFormat, formatFromName, DETECT_HEAD_BYTES, type InputFormat } from './detect-format.ts';
export { HEX_BYTE, HEX_NIBBLE, toHex, timestamp12ToHex } from './hex.ts';
