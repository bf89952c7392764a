// The wall-clock anchor of a recorded capture: what its 12 MHz counter's first tick means.
import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The UNIX time written in a capture's file name, e.g. `ulss7-beast-bin-utc--1522782148.136310917--.log`
 * → 1522782148136.31 ms. Only 10-digit second counts (2001–2286) qualify, so dates like 20180403 do not.
 */
export function startTimeFromName(file: string): number | undefined {
  const m = /(?:^|[^0-9])(1[0-9]{9})(\.[0-9]+)?(?![0-9])/.exec(path.basename(file));
  if (!m) return undefined;
  return Number(`${m[1]}${m[2] ?? ''}`) * 1000;
}

export type StartTimeOrigin = 'option' | 'file-name' | 'mtime';

/** An explicit start time wins, then the file name, then the file's modification time. */
export async function captureStartTime(file: string, explicitMs?: number): Promise<{ ms: number; origin: StartTimeOrigin }> {
  if (explicitMs !== undefined && Number.isFinite(explicitMs)) return { ms: explicitMs, origin: 'option' };
  const fromName = startTimeFromName(file);
  if (fromName !== undefined) return { ms: fromName, origin: 'file-name' };
  const info = await stat(file);
  return { ms: info.mtimeMs, origin: 'mtime' };
}
