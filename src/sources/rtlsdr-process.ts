// `rtlsdr://INDEX?gain=&ppm=&rate=`: samples from an attached dongle through Debian's `rtl_sdr`
// (`rtl_sdr -d INDEX -f 1090000000 -s RATE [-g GAIN] -p PPM -`), its stdout being the sample
// stream. Reading stdout through its async iterator leaves the pipe full when the consumer lags.
// stderr lines are logged; when rtl_sdr is missing or exits (no dongle, dongle pulled) the source
// says so in `lastError` and tries again with backoff.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AlignedIqSource } from './aligned-iq-source.ts';
import { DEFAULT_SAMPLE_RATE } from './iq-file.ts';
import type { SourceLifecycle } from './lifecycle.ts';
import { ReconnectingByteSource, type Connection, type ReconnectOptions } from './reconnecting-byte-source.ts';

export interface RtlSdrOptions extends ReconnectOptions {
  /** Device index. Default 0. */
  index?: number;
  /** Hz. Default 1,090,000,000. */
  frequency?: number;
  sampleRate?: number;
  /** dB, or 'auto' (rtl_sdr's `-g 0`). Default 'auto'. */
  gain?: number | 'auto';
  ppm?: number;
  /** The program to run. Default `rtl_sdr` from PATH. */
  program?: string;
}

export function rtlSdrArgs(options: RtlSdrOptions): string[] {
  const gain = options.gain ?? 'auto';
  return [
    '-d', String(options.index ?? 0),
    '-f', String(options.frequency ?? 1_090_000_000),
    '-s', String(options.sampleRate ?? DEFAULT_SAMPLE_RATE),
    '-g', gain === 'auto' ? '0' : String(gain),
    '-p', String(options.ppm ?? 0),
    '-',
  ];
}

export function rtlSdrSource(options: RtlSdrOptions = {}, uri = `rtlsdr://${options.index ?? 0}`): AlignedIqSource {
  const bytes = new ReconnectingByteSource(uri, (life) => startRtlSdr(life, options), options);
  return new AlignedIqSource(bytes, options.sampleRate ?? DEFAULT_SAMPLE_RATE);
}

function startRtlSdr(life: SourceLifecycle, options: RtlSdrOptions): Promise<Connection> {
  const program = options.program ?? 'rtl_sdr';
  const args = rtlSdrArgs(options);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastLine = '';
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.trim().length === 0) return;
      lastLine = line.trim();
      life.logger.info({ source: life.status.uri, stderr: lastLine }, 'rtl_sdr');
    });
    const exited = new Promise<string | null>((done) => {
      child.once('exit', (code, signal) => {
        // let the last stderr lines arrive before reporting
        setImmediate(() => done(code === 0 ? null : `rtl_sdr exited with ${signal ?? `code ${code}`}${lastLine ? `: ${lastLine}` : ''}`));
      });
    });
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new Error(`${program} not found: install the Debian package rtl-sdr`) : err);
    });
    child.once('spawn', () => {
      life.logger.info({ source: life.status.uri, program, args }, 'rtl_sdr started');
      async function* chunks(): AsyncGenerator<Uint8Array> {
        for await (const chunk of child.stdout) yield chunk as Uint8Array;
        const failure = await exited;
        if (failure) throw new Error(failure);
      }
      resolve({ chunks: chunks(), destroy: kill });
    });
  });
}
