// The loop shared by every byte source that can drop and come back (TCP feeds, serial ports,
// rtl_tcp, an rtl_sdr child process): open → read while the consumer pulls → on end or error
// mark a stream break, wait out a jittered backoff, open again. Reading is pull-based: the
// underlying Readable is consumed through its async iterator, which stops reading from the OS
// once its small buffer is full, so the kernel pushes back on the sender.
import { Backoff, type BackoffOptions } from './backoff.ts';
import { SourceLifecycle } from './lifecycle.ts';
import { STREAM_BREAK, type ByteSource, type CommonSourceOptions, type SourceStatus } from './source.ts';

/** One open stream: its chunks, and how to release it. */
export interface Connection {
  readonly chunks: AsyncIterable<Uint8Array>;
  destroy(): void;
}

export type Opener = (life: SourceLifecycle) => Promise<Connection>;

export interface ReconnectOptions extends CommonSourceOptions {
  backoff?: BackoffOptions;
  /** Open again after the stream ends or fails. Default true. */
  reconnect?: boolean;
}

export class ReconnectingByteSource implements ByteSource {
  readonly life: SourceLifecycle;
  private readonly open: Opener;
  private readonly backoff: Backoff;
  private readonly reconnect: boolean;
  private started = false;

  constructor(uri: string, open: Opener, options: ReconnectOptions = {}) {
    this.life = new SourceLifecycle(uri, options);
    this.open = open;
    this.backoff = new Backoff(options.backoff);
    this.reconnect = options.reconnect ?? true;
  }

  get status(): SourceStatus {
    return this.life.status;
  }

  async close(): Promise<void> {
    this.life.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    if (this.started) throw new Error('a source can be iterated once');
    this.started = true;
    const life = this.life;
    const status = life.status;
    let sessions = 0;
    try {
      while (!life.closed) {
        life.setState('connecting');
        let connection: Connection;
        try {
          connection = await this.open(life);
        } catch (err) {
          if (life.closed) break;
          life.fail('connect_failed', err);
          if (!this.reconnect || !(await life.backoff(this.backoff.next()))) break;
          continue;
        }
        if (life.closed) {
          connection.destroy();
          break;
        }
        const release = life.onClose(() => connection.destroy());
        if (sessions++ > 0) status.reconnects++;
        life.setState('connected');
        let received = 0;
        try {
          for await (const chunk of connection.chunks) {
            status.bytes += chunk.length;
            received += chunk.length;
            yield chunk;
          }
          if (!life.closed) {
            life.count('disconnected');
            life.logger.info({ source: status.uri, bytes: received }, 'source stream ended');
          }
        } catch (err) {
          if (!life.closed) life.fail('read_failed', err);
        } finally {
          release();
          connection.destroy();
        }
        // A close() is not a broken stream: nothing downstream should count a cut frame for it.
        if (life.closed) break;
        yield STREAM_BREAK;
        if (received > 0) this.backoff.reset();
        if (!this.reconnect) break;
        if (!(await life.backoff(this.backoff.next()))) break;
      }
    } finally {
      life.close();
    }
  }
}
