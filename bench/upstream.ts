// What the benchmarks share: where ../shared/upstream is (as test/helpers/shared.ts finds it), the
// median they report, and reading a derived .jsonl corpus.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED_UPSTREAM = process.env.SKYLEDGER_SHARED_DIR
  ? path.resolve(process.env.SKYLEDGER_SHARED_DIR, 'upstream')
  : path.resolve(HERE, '../../shared/upstream');

/** Absolute path of a file under ../shared/upstream (or $SKYLEDGER_SHARED_DIR/upstream). */
export function upstreamPath(relative: string): string {
  return path.join(SHARED_UPSTREAM, relative);
}

/** One parsed record per non-empty line of a JSON Lines file. */
export function readJsonl<T>(file: string): T[] {
  const records: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.length > 0) records.push(JSON.parse(line) as T);
  return records;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
