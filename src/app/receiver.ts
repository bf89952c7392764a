// One named source running into its own ingest pipeline (decoder + injector state are per
// receiver): frames are counted for /metrics and pushed into the ingest; IQ sources go through the
// demodulator first. A source that fails is a status and log lines, never an exception here.
import { createIqDemodulator } from '../../native/loader.ts';
import type { FrameBatch } from '../sources/frame-batch.ts';
import { openSource, type OpenSourceOptions } from '../sources/open-source.ts';
import { CaptureClock } from '../sources/capture-clock.ts';
import { ParsedFrameSource } from '../sources/parsed-frame-source.ts';
import type { FrameSource, SourceLogger, SourceStatus } from '../sources/source.ts';
import type { Ingest } from './ingest.ts';
import type { SourceSpec } from './source-spec.ts';

export class Receiver {
  readonly name: string;
  readonly uri: string;
  readonly kind: string;
  readonly frames: FrameSource;
  private running: Promise<void> | undefined;

  constructor(spec: SourceSpec, readonly ingest: Ingest, private readonly onBatch: (name: string, batch: FrameBatch) => void, logger: SourceLogger, options: OpenSourceOptions = {}) {
    this.name = spec.name;
    this.uri = spec.uri;
    this.kind = spec.config.kind;
    const opened = openSource(spec.config, { ...options, logger });
    if (opened.kind === 'frames') this.frames = opened.source;
    else if (opened.kind === 'iq') {
      const iq = opened.source;
      // The native demodulator when it is built, else the TypeScript one (same frames either way).
      // A recorded IQ file carries its own time (start time + sample count); live IQ uses the clock.
      this.frames = new ParsedFrameSource(iq, () => {
        const chosen = createIqDemodulator(iq.sampleRate);
        if ('error' in chosen) throw new RangeError(chosen.error);
        return chosen.demodulator;
      }, 'clock' in iq && iq.clock instanceof CaptureClock ? { clock: iq.clock } : {});
    } else {
      void opened.source.close();
      throw new Error(`source ${spec.name}: SBS feeds carry decoded fields, not frames; serve reads beast://, avr://, rtlsdr://, rtltcp://, serial://, file:// and demo`);
    }
  }

  get status(): SourceStatus {
    return this.frames.status;
  }

  /** Reads until the source ends or is closed. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for await (const batch of this.frames) {
        this.onBatch(this.name, batch);
        this.ingest.push(batch);
      }
    })();
    return this.running;
  }

  async close(): Promise<void> {
    await this.frames.close();
    await this.running?.catch(() => {});
  }
}
