// Replays frame batches at capture speed (or N× it) from their reception times. Pacing is per
// frame: a batch is cut where the next frame is not due yet. A consumer that falls behind is
// not waited for again: frames already due go out at once.
import { delay } from './delay.ts';
import type { FrameBatch } from './frame-batch.ts';

/** A due time this close (ms) counts as now: timers are not finer than that anyway. */
const SLACK_MS = 2;

export async function* paceFrames(batches: AsyncIterable<FrameBatch>, speed: number, signal: AbortSignal, now: () => number = performance.now.bind(performance)): AsyncGenerator<FrameBatch> {
  let wallStart = Number.NaN;
  let captureStart = Number.NaN;
  for await (const batch of batches) {
    let from = 0;
    for (let i = 0; i < batch.length; i++) {
      const t = batch.receivedAt[i];
      if (wallStart !== wallStart) {
        wallStart = now();
        captureStart = t;
        continue;
      }
      const wait = wallStart + (t - captureStart) / speed - now();
      if (wait > SLACK_MS) {
        if (i > from) yield batch.slice(from, i);
        from = i;
        if (!(await delay(wait, signal))) return;
      }
    }
    if (from === 0) yield batch;
    else if (from < batch.length) yield batch.slice(from, batch.length);
  }
}
