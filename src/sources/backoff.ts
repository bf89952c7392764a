// Exponential backoff with jitter for reconnecting sources. Jitter keeps a fleet of receivers
// that lost the same feed from reconnecting in lock-step; the cap keeps a long outage from
// turning into hour-long silences once the feed is back.

export interface BackoffOptions {
  /** First delay before jitter. Default 250 ms. */
  initialMs?: number;
  /** Upper bound of any delay. Default 30 s. */
  maxMs?: number;
  /** Growth per failed attempt. Default 2. */
  factor?: number;
  /** Uniform [0, 1) source for the jitter; injectable so tests can pin it. */
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly random: () => number;
  private attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = Math.max(1, options.initialMs ?? 250);
    this.maxMs = Math.max(this.initialMs, options.maxMs ?? 30_000);
    this.factor = Math.max(1, options.factor ?? 2);
    this.random = options.random ?? Math.random;
  }

  /** The next delay: half the exponential base plus up to another half of it at random. */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt);
    if (base < this.maxMs) this.attempt++;
    return Math.round(base / 2 + (base / 2) * this.random());
  }

  /** After a connection that delivered data, the next failure starts from the first delay again. */
  reset(): void {
    this.attempt = 0;
  }
}
