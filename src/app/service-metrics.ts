// Prometheus metrics for `/metrics` (prom-client, one registry per service so several services in
// one process do not collide). Frames are counted by source and downlink format as they arrive;
// everything else is read from its owner when scraped. Rates (frames/s) are `rate()` over the
// counters, as Prometheus intends.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestCounts } from './ingest.ts';
import type { FrameBatch } from '../sources/frame-batch.ts';
import type { SourceStatus } from '../sources/source.ts';

export interface MetricsInputs {
  receivers: () => readonly { name: string; counts: IngestCounts; status: SourceStatus }[];
  head: () => number;
  lag: () => Record<string, number>;
  wsClients: () => number;
  wsPushed: () => number;
  wsClosedSlow: () => number;
}

const DF_LABELS = Array.from({ length: 32 }, (_, i) => String(i));

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly frames: Counter<'source' | 'df'>;
  private readonly byDf = new Float64Array(32);

  constructor(inputs: MetricsInputs, options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'skyledger_' });
    this.frames = new Counter({ name: 'skyledger_frames_total', help: 'Mode S frames received, by source and downlink format', labelNames: ['source', 'df'], registers });
    const perReceiver = (name: string, help: string, pick: (c: IngestCounts) => number): void => {
      new Counter({
        name, help, labelNames: ['source'], registers,
        collect() {
          this.reset();
          for (const r of inputs.receivers()) this.inc({ source: r.name }, pick(r.counts));
        },
      });
    };
    perReceiver('skyledger_frames_rejected_total', 'Frames the decoder rejected (CRC, unknown address, …)', (c) => c.rejected);
    perReceiver('skyledger_events_appended_total', 'Events appended to the log', (c) => c.appended);
    perReceiver('skyledger_events_skipped_total', 'Events whose id the log already held', (c) => c.skipped);
    new Gauge({
      name: 'skyledger_source_connected', help: '1 when the source is connected', labelNames: ['source', 'state'], registers,
      collect() {
        this.reset();
        for (const r of inputs.receivers()) this.set({ source: r.name, state: r.status.state }, r.status.state === 'connected' ? 1 : 0);
      },
    });
    new Gauge({ name: 'skyledger_log_head', help: 'Position of the last event in the log', registers, collect() { this.set(inputs.head()); } });
    new Gauge({
      name: 'skyledger_projection_lag_events', help: 'Events in the log not yet applied, by projection', labelNames: ['projection'], registers,
      collect() {
        for (const [projection, lag] of Object.entries(inputs.lag())) this.set({ projection }, lag);
      },
    });
    new Gauge({ name: 'skyledger_websocket_clients', help: 'Connected WebSocket clients', registers, collect() { this.set(inputs.wsClients()); } });
    new Counter({ name: 'skyledger_websocket_pushed_total', help: 'Events pushed to WebSocket clients', registers, collect() { this.reset(); this.inc(inputs.wsPushed()); } });
    new Counter({ name: 'skyledger_websocket_closed_slow_total', help: 'WebSocket clients closed for not reading fast enough', registers, collect() { this.reset(); this.inc(inputs.wsClosedSlow()); } });
  }

  /** Counts a batch's frames by downlink format (called once per batch, not per frame). */
  countFrames(source: string, batch: FrameBatch): void {
    const byDf = this.byDf;
    byDf.fill(0);
    for (let i = 0; i < batch.length; i++) byDf[batch.bytesOf(i)[0] >> 3]++;
    for (let df = 0; df < 32; df++) if (byDf[df] > 0) this.frames.inc({ source, df: DF_LABELS[df] }, byDf[df]);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
