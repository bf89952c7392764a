// Replay figures, on the real beastblackbox Beast capture looped LOOPS times with shifted 12 MHz
// counters (so every pass is new traffic with new event ids):
//  - end-to-end frames/s through Beast parsing, decoding, the injector, the SQLite log and the
//    three projections, against decoding the same file alone (no events, no storage);
//  - projection rebuild events/s of the resulting log, against just reading the log's pages.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ingest } from '../src/app/ingest.ts';
import { openStore } from '../src/app/open-store.ts';
import { Decoder } from '../src/modes/decoder.ts';
import { FileFrameSource } from '../src/sources/file.ts';
import { BeastParser, writeBeast } from '../src/wire/beast.ts';
import { figure, type BenchFigure } from './runner.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED = process.env.SKYLEDGER_SHARED_DIR
  ? path.resolve(process.env.SKYLEDGER_SHARED_DIR, 'upstream')
  : path.resolve(HERE, '../../shared/upstream');
const CAPTURE = path.join(SHARED, 'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log');
const START_MS = 1522782148136;
const LOOPS = 12;

/** The capture repeated LOOPS times, each pass's counters shifted past the previous pass. */
function loopedCapture(): { bytes: Buffer; frames: number } {
  const frames: { bytes: Uint8Array; ts: number; signal: number }[] = [];
  let min = Infinity;
  let max = -Infinity;
  new BeastParser({ modeAC: false }).push(readFileSync(CAPTURE), (f) => {
    frames.push({ bytes: f.bytes.slice(), ts: f.timestamp12, signal: f.signal });
    if (f.timestamp12 < min) min = f.timestamp12;
    if (f.timestamp12 > max) max = f.timestamp12;
  });
  const shift = max - min + 12e6; // one second of silence between passes
  const parts: Uint8Array[] = [];
  for (let k = 0; k < LOOPS; k++) for (const f of frames) parts.push(writeBeast(f.bytes, f.ts + k * shift, f.signal));
  return { bytes: Buffer.concat(parts), frames: frames.length * LOOPS };
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-bench-replay-'));
  try {
    const looped = loopedCapture();
    const file = path.join(dir, 'looped.beast');
    writeFileSync(file, looped.bytes);

    // Peer: the same file through the same source and decoder, nothing else.
    let t = performance.now();
    const decoder = new Decoder();
    let decoded = 0;
    for await (const batch of new FileFrameSource(file, { startTime: START_MS })) {
      for (let i = 0; i < batch.length; i++) if (decoder.decode(batch.bytesOf(i), batch.receivedAt[i] / 1000) !== null) decoded++;
    }
    const decodeOnly = looped.frames / ((performance.now() - t) / 1000);

    const store = openStore(path.join(dir, 'replay.db'));
    // As `skyledger replay --speed max` runs it: identities and squawks wait for the batch too.
    const ingest = new Ingest(store.log, store.runner, { receiver: 'bench', flushAlertWorthy: false });
    t = performance.now();
    let cpu = process.cpuUsage();
    for await (const batch of new FileFrameSource(file, { startTime: START_MS })) ingest.push(batch);
    ingest.flush();
    const endToEnd = looped.frames / ((performance.now() - t) / 1000);
    // CPU time too: on a shared machine wall time says as much about the neighbours as about us.
    const endToEndCpu = looped.frames / (cpuSeconds(process.cpuUsage(cpu)));
    const events = store.log.headSync();

    // Rebuild: all three projections from the log, against only reading and rebuilding envelopes.
    const rebuilds: number[] = [];
    const reads: number[] = [];
    const rebuildsCpu: number[] = [];
    for (let round = 0; round < 3; round++) {
      t = performance.now();
      let after = 0;
      for (;;) {
        const page = store.log.readSync({ after, limit: 5000 });
        if (page.length === 0) break;
        after = page[page.length - 1].position;
      }
      reads.push(events / ((performance.now() - t) / 1000));
      t = performance.now();
      cpu = process.cpuUsage();
      store.runner.rebuild();
      rebuilds.push(events / ((performance.now() - t) / 1000));
      rebuildsCpu.push(events / cpuSeconds(process.cpuUsage(cpu)));
    }
    const projectionCount = store.runner.projections.length;
    store.close();
    const best = (xs: number[]): number => Math.max(...xs);
    return [
      figure('replay.end_to_end', endToEnd, 'frames/s', 'decode only (same file, source and decoder)', decodeOnly, {
        frames: looped.frames, decoded, events, loops: LOOPS, cpu_frames_per_s: Math.round(endToEndCpu),
      }),
      figure('replay.rebuild', best(rebuilds), 'events/s', 'reading the log pages only', best(reads), {
        events, projections: projectionCount, cpu_events_per_s: Math.round(best(rebuildsCpu)),
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
