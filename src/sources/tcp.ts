// A reconnecting TCP client: the byte stream of a dump1090/readsb output port (Beast 30005,
// AVR 30002, SBS 30003) or of an rtl_tcp server. Reads through the socket's async iterator, so
// an idle consumer stops our reads, the socket's buffer fills and TCP flow control makes the
// server's write() return false instead of our heap growing.
import net from 'node:net';
import type { SourceLifecycle } from './lifecycle.ts';
import { ReconnectingByteSource, type Connection, type ReconnectOptions } from './reconnecting-byte-source.ts';

export interface TcpOptions extends ReconnectOptions {
  /** Give up one connection attempt after this long. Default 10 s. */
  connectTimeoutMs?: number;
  /** Bytes the socket may buffer before it stops reading from the kernel. Default 64 KiB. */
  highWaterMark?: number;
}

export function tcpByteSource(host: string, port: number, options: TcpOptions = {}, uri = `tcp://${host}:${port}`): ReconnectingByteSource {
  return new ReconnectingByteSource(uri, (life) => connectTcp(host, port, life, options), options);
}

/** Opens one TCP connection; rejects on error, timeout or close of the source. */
export function connectTcp(host: string, port: number, life: SourceLifecycle, options: TcpOptions = {}): Promise<Connection & { socket: net.Socket }> {
  return new Promise((resolve, reject) => {
    const socket = new net.Socket({ readableHighWaterMark: options.highWaterMark ?? 64 * 1024 } as net.SocketConstructorOpts);
    // Errors after the iterator has taken over surface through it; this keeps one emitted in
    // between from becoming an uncaught exception.
    socket.on('error', () => {});
    const release = life.onClose(() => socket.destroy());
    const fail = (err: Error): void => {
      release();
      socket.destroy();
      reject(err);
    };
    socket.once('error', fail);
    socket.setTimeout(options.connectTimeoutMs ?? 10_000, () => fail(new Error(`connect to ${host}:${port} timed out`)));
    const closed = (): void => fail(new Error(`connection to ${host}:${port} closed`));
    socket.once('close', closed);
    socket.once('connect', () => {
      socket.removeListener('error', fail);
      socket.removeListener('close', closed);
      socket.setTimeout(0);
      socket.setKeepAlive(true, 10_000);
      release();
      resolve({ chunks: socket, socket, destroy: () => socket.destroy() });
    });
    socket.connect({ host, port });
  });
}
