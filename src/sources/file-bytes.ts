// The bytes of a file, gunzipped when it starts with the gzip magic (1f 8b), whatever its name.
// Read through the stream's async iterator, so nothing is read ahead of the consumer beyond one
// chunk. Each pass ends with a STREAM_BREAK; with `loop` the file is read again from the start.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SourceLifecycle } from './lifecycle.ts';
import { STREAM_BREAK, type ByteSource, type CommonSourceOptions, type SourceStatus } from './source.ts';

export interface FileBytesOptions extends CommonSourceOptions {
  loop?: boolean;
  /** Read size. Default 64 KiB. */
  highWaterMark?: number;
}

export class FileByteSource implements ByteSource {
  readonly life: SourceLifecycle;
  readonly path: string;
  /** Whether the file turned out to be gzip'd (known after the first read). */
  gzip = false;
  private readonly loop: boolean;
  private readonly highWaterMark: number;

  constructor(path: string, options: FileBytesOptions = {}, uri = `file://${path}`) {
    this.life = new SourceLifecycle(uri, options);
    this.path = path;
    this.loop = options.loop ?? false;
    this.highWaterMark = options.highWaterMark ?? 64 * 1024;
  }

  get status(): SourceStatus {
    return this.life.status;
  }

  async close(): Promise<void> {
    this.life.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const life = this.life;
    try {
      do {
        life.setState('connecting');
        let gzip: boolean;
        try {
          gzip = await startsWithGzipMagic(this.path);
        } catch (err) {
          life.fail('open_failed', err);
          return;
        }
        this.gzip = gzip;
        const file = createReadStream(this.path, { highWaterMark: this.highWaterMark });
        const stream = gzip ? pipeline(file, createGunzip({ chunkSize: this.highWaterMark }), () => {}) : file;
        const release = life.onClose(() => stream.destroy());
        life.setState('connected', { gzip });
        let bytes = 0;
        try {
          for await (const chunk of stream as AsyncIterable<Uint8Array>) {
            life.status.bytes += chunk.length;
            bytes += chunk.length;
            yield chunk;
          }
        } catch (err) {
          if (life.closed) return;
          const code = (err as { code?: string }).code;
          life.fail(gzip && code === 'Z_BUF_ERROR' ? 'truncated_gzip' : gzip ? 'bad_gzip' : 'read_failed', err);
          if (gzip) life.status.lastError = `gzip stream ends early or is corrupt: ${life.status.lastError}`;
        } finally {
          release();
          stream.destroy();
        }
        yield STREAM_BREAK;
        if (bytes === 0) break; // looping an empty file would spin
      } while (this.loop && !life.closed);
    } finally {
      life.close();
    }
  }
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return hasGzipMagic(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Whether `head`, a file's first bytes, opens with the gzip magic 1f 8b. */
export function hasGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
