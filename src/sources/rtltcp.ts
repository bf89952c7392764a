// `rtltcp://HOST:PORT`: an rtl_tcp server's IQ stream. On connect the server sends a 12-byte
// header ("RTL0", tuner type u32 BE, gain count u32 BE); we then tune it with 5-byte commands
// (command byte + u32 BE argument) and read u8 I/Q for as long as it flows, reconnecting with
// backoff. Tuning is resent after every reconnect: a restarted server starts from its defaults.
import { AlignedIqSource } from './aligned-iq-source.ts';
import { DEFAULT_SAMPLE_RATE } from './iq-file.ts';
import type { SourceLifecycle } from './lifecycle.ts';
import { ReconnectingByteSource, type Connection } from './reconnecting-byte-source.ts';
import { connectTcp, type TcpOptions } from './tcp.ts';

export const RTL_TCP_COMMAND = {
  frequency: 0x01,
  sampleRate: 0x02,
  gainMode: 0x03,
  gain: 0x04,
  frequencyCorrection: 0x05,
  agcMode: 0x08,
} as const;

const TUNERS = ['unknown', 'E4000', 'FC0012', 'FC0013', 'FC2580', 'R820T', 'R828D'];

export interface RtlTcpHeader {
  tunerType: number;
  tunerName: string;
  gainCount: number;
}

export interface TuningOptions {
  /** Hz. Default 1,090,000,000. */
  frequency?: number;
  /** Complex samples per second. Default 2,400,000. */
  sampleRate?: number;
  /** dB (sent in tenths), or 'auto' for the tuner's automatic gain. Default 'auto'. */
  gain?: number | 'auto';
  /** Crystal correction in ppm. Default 0. */
  ppm?: number;
  /** The RTL2832's digital AGC. Default off. */
  agc?: boolean;
}

export interface RtlTcpOptions extends TcpOptions, TuningOptions {}

export class RtlTcpSource extends AlignedIqSource {
  /** The header of the current (last) connection. */
  header: RtlTcpHeader | undefined;
}

export function rtlTcpSource(host: string, port: number, options: RtlTcpOptions = {}, uri = `rtltcp://${host}:${port}`): RtlTcpSource {
  let source: RtlTcpSource | undefined = undefined;
  const bytes = new ReconnectingByteSource(uri, async (life) => {
    const { connection, header } = await openRtlTcp(host, port, life, options);
    if (source) source.header = header;
    return connection;
  }, options);
  source = new RtlTcpSource(bytes, options.sampleRate ?? DEFAULT_SAMPLE_RATE);
  return source;
}

/** The tuning commands, in the order they are sent. */
export function tuningCommands(options: TuningOptions): Uint8Array {
  const commands: Array<[number, number]> = [
    [RTL_TCP_COMMAND.sampleRate, options.sampleRate ?? DEFAULT_SAMPLE_RATE],
    [RTL_TCP_COMMAND.frequency, options.frequency ?? 1_090_000_000],
    [RTL_TCP_COMMAND.frequencyCorrection, options.ppm ?? 0],
  ];
  const gain = options.gain ?? 'auto';
  if (gain === 'auto') commands.push([RTL_TCP_COMMAND.gainMode, 0]);
  else commands.push([RTL_TCP_COMMAND.gainMode, 1], [RTL_TCP_COMMAND.gain, Math.round(gain * 10)]);
  commands.push([RTL_TCP_COMMAND.agcMode, options.agc ? 1 : 0]);
  const out = Buffer.alloc(commands.length * 5);
  commands.forEach(([command, value], i) => {
    out[i * 5] = command;
    // ppm may be negative: the server reads the argument as a two's-complement int.
    out.writeUInt32BE(value >>> 0, i * 5 + 1);
  });
  return out;
}

export function parseRtlTcpHeader(head: Uint8Array): RtlTcpHeader | undefined {
  if (head.length < 12 || head[0] !== 0x52 || head[1] !== 0x54 || head[2] !== 0x4c || head[3] !== 0x30) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, 12);
  const tunerType = view.getUint32(4);
  return { tunerType, tunerName: TUNERS[tunerType] ?? `type ${tunerType}`, gainCount: view.getUint32(8) };
}

async function openRtlTcp(host: string, port: number, life: SourceLifecycle, options: RtlTcpOptions): Promise<{ connection: Connection; header: RtlTcpHeader }> {
  const { socket, destroy } = await connectTcp(host, port, life, options);
  const iterator = (socket as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  try {
    let head = Buffer.alloc(0);
    while (head.length < 12) {
      const next = await iterator.next();
      if (next.done) throw new Error('rtl_tcp closed the connection before its header');
      head = Buffer.concat([head, next.value]);
    }
    life.status.bytes += 12;
    const header = parseRtlTcpHeader(head);
    if (!header) throw new Error(`not an rtl_tcp server (header ${head.subarray(0, 4).toString('hex')})`);
    life.logger.info({ source: life.status.uri, tuner: header.tunerName, gains: header.gainCount }, 'rtl_tcp header');
    socket.write(tuningCommands(options));
    const rest = head.subarray(12);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      if (rest.length > 0) yield rest;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    }
    return { connection: { chunks: chunks(), destroy }, header };
  } catch (err) {
    destroy();
    throw err;
  }
}
