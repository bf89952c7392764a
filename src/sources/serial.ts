// `serial:///dev/ttyUSB0?baud=3000000&format=beast|avr`: a receiver on a serial port.
//
// Mode-S Beast / Jetvision hardware (format=beast) is configured on every open with option
// bytes `0x1a '1' X`, the same switches as its DIP switches:
//   C  binary (Beast) output          H  RTS handshake (with rtscts on our side)
//   d  no DF11/17-only filter         E  MLAT 12 MHz timestamps (reception times need them)
//   f  receiver CRC check on          g  no DF0/4/5 filter
//   i  receiver 1-bit FEC on          j  no Mode A/C (J with `modeac=1`)
// — everything Mode S, timestamped, checked as dump1090 asks for it by default — then RTS/DTR
// are raised. AVR receivers (microADSB, GNS 5890/5894) take no options; adsbPIC-style boards
// need `#43-MM` to start streaming, sent when the URI has `adsbpic=MM` (e.g. `adsbpic=02`).
// A device that disappears is reopened with backoff.
import { SerialPort } from 'serialport';
import type { FrameFormat } from './frame-format.ts';
import type { SourceLifecycle } from './lifecycle.ts';
import { ReconnectingByteSource, type Connection, type ReconnectOptions } from './reconnecting-byte-source.ts';

export interface SerialOptions extends ReconnectOptions {
  /** Default 3,000,000 for Beast, 115,200 for AVR. */
  baudRate?: number;
  format?: Extract<FrameFormat, 'beast' | 'avr'>;
  /** Hardware flow control. Default on for Beast (it asks for RTS handshake), off for AVR. */
  rtscts?: boolean;
  /** Beast: ask for Mode A/C frames too. */
  modeAC?: boolean;
  /** AVR: the adsbPIC `#43-MM` mode to send on open (two hex digits). */
  adsbPicMode?: string;
}

const BEAST_OPTIONS = ['C', 'H', 'd', 'E', 'f', 'g', 'i'];

/** The bytes written to the device right after it opens. */
export function serialInitBytes(options: SerialOptions): Uint8Array {
  if ((options.format ?? 'beast') === 'beast') {
    const switches = [...BEAST_OPTIONS, options.modeAC ? 'J' : 'j'];
    return Uint8Array.from(switches.flatMap((s) => [0x1a, 0x31, s.charCodeAt(0)]));
  }
  if (options.adsbPicMode !== undefined) return new TextEncoder().encode(`#43-${options.adsbPicMode.toUpperCase()}\r`);
  return new Uint8Array(0);
}

export function defaultBaudRate(format: 'beast' | 'avr'): number {
  return format === 'beast' ? 3_000_000 : 115_200;
}

export function serialByteSource(path: string, options: SerialOptions = {}, uri = `serial://${path}`): ReconnectingByteSource {
  return new ReconnectingByteSource(uri, (life) => openSerial(path, life, options), options);
}

function openSerial(path: string, life: SourceLifecycle, options: SerialOptions): Promise<Connection> {
  const format = options.format ?? 'beast';
  const port = new SerialPort({
    path,
    baudRate: options.baudRate ?? defaultBaudRate(format),
    rtscts: options.rtscts ?? format === 'beast',
    autoOpen: false,
    highWaterMark: 64 * 1024,
  });
  port.on('error', () => {});
  const destroy = (): void => {
    if (port.isOpen) port.close(() => {});
    port.destroy();
  };
  return new Promise<Connection>((resolve, reject) => {
    const release = life.onClose(destroy);
    port.open((err) => {
      release();
      if (err) {
        destroy();
        reject(err);
        return;
      }
      const init = serialInitBytes(options);
      const started = (): void => {
        life.logger.info({ source: life.status.uri, format, initBytes: init.length }, 'serial port open');
        resolve({ chunks: port as AsyncIterable<Uint8Array>, destroy });
      };
      if (init.length === 0) {
        started();
        return;
      }
      port.write(Buffer.from(init));
      port.drain((drainErr) => {
        if (drainErr) life.fail('init_failed', drainErr);
        // Raising RTS/DTR tells Beast hardware to start sending; a pty or a board without the
        // lines refuses the ioctl, which is harmless.
        port.set({ rts: true, dtr: true }, (setErr) => {
          if (setErr) life.count('modem_lines_unsupported');
          started();
        });
      });
    });
  });
}
