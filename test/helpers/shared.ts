// Access to ../shared/upstream (real captures and published decodes). Tests that need it skip
// with a clear message when the folder is missing, and fail instead under SKYLEDGER_REQUIRE_SHARED=1
// (CI) so they can never skip silently there.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, it } from 'vitest';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_UPSTREAM = process.env.SKYLEDGER_SHARED_DIR
  ? path.resolve(process.env.SKYLEDGER_SHARED_DIR, 'upstream')
  : path.resolve(REPO_ROOT, '../shared/upstream');

export const REQUIRE_SHARED = process.env.SKYLEDGER_REQUIRE_SHARED === '1';

export function sharedPath(relative: string): string {
  return path.join(SHARED_UPSTREAM, relative);
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedPath(relative));
}

export function readShared(relative: string): Buffer {
  return readFileSync(sharedPath(relative));
}

/**
 * `describe` that runs when every listed shared file exists; otherwise it skips with the reason,
 * or, under SKYLEDGER_REQUIRE_SHARED=1, registers a failing test naming what is missing.
 */
export function describeShared(name: string, files: string[], body: () => void): void {
  const missing = files.filter((f) => !hasShared(f));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const reason = `missing ${missing.map(sharedPath).join(', ')}`;
  if (REQUIRE_SHARED) {
    describe(name, () => {
      it('has its shared upstream data (SKYLEDGER_REQUIRE_SHARED=1)', () => {
        throw new Error(reason);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${reason})`, body);
  }
}

export const REPO = REPO_ROOT;
