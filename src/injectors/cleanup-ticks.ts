// Cleanup ticks: `cleanup_interval_passed` every interval, carrying its own max age (law 3). Ticks
// fall on multiples of the interval since the epoch, so their times — and thus their ids — do not
// depend on when a run started: in replay they follow the capture's time, and a replay repeated
// (or resumed after a crash) mints the very same ticks.
import { buildEvent, CLEANUP_INTERVAL_PASSED, receiverSource, type SkyledgerEvent } from '../events/index.ts';

export interface CleanupTickOptions {
  /** Default 60. */
  intervalSeconds?: number;
  /** Default 300. */
  maxAgeSeconds?: number;
}

export class CleanupTicker {
  readonly source: string;
  readonly intervalUs: number;
  readonly maxAgeSeconds: number;
  ticks = 0;
  private next = Number.NaN;

  constructor(receiverName: string, options: CleanupTickOptions = {}) {
    this.source = receiverSource(receiverName);
    this.intervalUs = (options.intervalSeconds ?? 60) * 1e6;
    this.maxAgeSeconds = options.maxAgeSeconds ?? 300;
  }

  /**
   * Time has reached `timeUs`: push a tick if a boundary was crossed. After a long silence only the
   * latest boundary ticks (one purge covers the gap).
   */
  advance(timeUs: number, out: SkyledgerEvent[]): void {
    if (this.next !== this.next) {
      this.next = Math.floor(timeUs / this.intervalUs) * this.intervalUs + this.intervalUs;
      return;
    }
    if (timeUs < this.next) return;
    const boundary = Math.floor(timeUs / this.intervalUs) * this.intervalUs;
    this.next = boundary + this.intervalUs;
    this.ticks++;
    out.push(buildEvent(CLEANUP_INTERVAL_PASSED, this.source, undefined, boundary, null, { max_age_seconds: this.maxAgeSeconds }));
  }
}

/** Live mode: the machine's clock drives the ticker (the only clock read in the tick path). */
export function startLiveCleanupTicks(ticker: CleanupTicker, append: (events: SkyledgerEvent[]) => void, now: () => number = Date.now): () => void {
  const tick = (): void => {
    const out: SkyledgerEvent[] = [];
    ticker.advance(now() * 1000, out);
    if (out.length > 0) append(out);
  };
  tick();
  const timer = setInterval(tick, Math.min(ticker.intervalUs / 1000, 10_000));
  timer.unref();
  return () => clearInterval(timer);
}
