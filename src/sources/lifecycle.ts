// The bookkeeping every source shares: its status object, a log line per state change, counted
// reasons, and one AbortSignal that fires on close() (or on the caller's signal) so pending
// connects, reads and waits all end together.
import { delay } from './delay.ts';
import { countReason, newStatus, type SourceLogger, type SourceState, type SourceStatus } from './source.ts';

const SILENT: SourceLogger = { debug() {}, info() {}, warn() {}, error() {} };

export class SourceLifecycle {
  readonly status: SourceStatus;
  readonly logger: SourceLogger;
  private readonly controller = new AbortController();
  private readonly closers = new Set<() => void>();

  constructor(uri: string, options: { logger?: SourceLogger; signal?: AbortSignal } = {}) {
    this.status = newStatus(uri);
    this.logger = options.logger ?? SILENT;
    const outer = options.signal;
    if (outer?.aborted) this.close();
    else outer?.addEventListener('abort', () => this.close(), { once: true });
  }

  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  /** Aborts when the source closes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  setState(state: SourceState, detail: Record<string, unknown> = {}): void {
    if (this.status.state === state || this.status.state === 'closed') return;
    this.status.state = state;
    this.logger.info({ source: this.status.uri, state, ...detail }, `source ${state}`);
  }

  count(reason: string, n = 1): void {
    countReason(this.status, reason, n);
  }

  /** A failure to connect or read: counted, remembered, logged; never thrown. */
  fail(reason: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.status.errors++;
    this.status.lastError = message;
    this.count(reason);
    this.logger.warn({ source: this.status.uri, reason, err: message }, `source ${reason}`);
  }

  /** Registers a resource to release on close (a socket, a child process); returns its unregistration. */
  onClose(closer: () => void): () => void {
    if (this.closed) {
      closer();
      return () => {};
    }
    this.closers.add(closer);
    return () => this.closers.delete(closer);
  }

  /** Waits `ms` in the backoff state; false when the source closed meanwhile. */
  async backoff(ms: number): Promise<boolean> {
    this.status.backoffMs = ms;
    this.setState('backoff', { delayMs: ms });
    const waited = await delay(ms, this.signal);
    this.status.backoffMs = 0;
    return waited;
  }

  close(): void {
    if (!this.closed) this.controller.abort();
    for (const closer of this.closers) {
      try {
        closer();
      } catch (err) {
        this.logger.debug({ source: this.status.uri, err: String(err) }, 'source close step failed');
      }
    }
    this.closers.clear();
    this.setState('closed');
  }
}
