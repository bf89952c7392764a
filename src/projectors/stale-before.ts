// The cut-off a cleanup tick sets: aircraft last seen before it are stale.
import { formatMicros, parseMicros, type CleanupIntervalPassed } from '../events/index.ts';

/** The tick's time less its max_age_seconds; undefined when the tick's time does not parse. */
export function staleBefore(e: CleanupIntervalPassed): string | undefined {
  const t = parseMicros(e.time);
  return t !== t ? undefined : formatMicros(t - e.data.max_age_seconds * 1e6);
}
