// Crash safety: `skyledger replay` is SIGKILLed at random moments while it injects a real capture,
// restarted each time, and finally run to completion. The database must pass integrity_check,
// hold exactly the events of a clean run in the same order (none lost, none twice), and its
// projections must equal both the clean run's and a fresh rebuild. About 23 CLI starts in two lanes:
// well under a minute on an idle two-core machine, minutes when it is shared.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/app/open-store.ts';
import { seededRandom } from '../../src/demod/seeded-random.ts';
import { describeShared, REPO, sharedPath } from '../helpers/shared.ts';

const CAPTURE = 'denzen84__beastblackbox/example/ulss7-beast-bin-utc--1522782148.136310917--.log';
const BIN = path.join(REPO, 'bin/skyledger.js');
const KILLS = 20;

interface Run {
  /** ms from the "replaying" line to exit, or to the kill. */
  ms: number;
  killed: boolean;
  code: number | null;
}

/** Runs a replay; with `killAfterMs`, SIGKILLs it that long after it starts injecting. */
function replay(db: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'replay', sharedPath(CAPTURE), '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let started = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (started === 0 && stderr.includes('replaying ')) {
        started = performance.now();
        if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`replay exited ${code}: ${stderr}`));
      else resolve({ ms: started === 0 ? 0 : performance.now() - started, killed: signal === 'SIGKILL', code });
    });
  });
}

const dumpAll = (store: Store): string => store.runner.projections.map((p) => p.dump()).join('');
const ids = (store: Store): string[] => store.log.readSync({ limit: 1_000_000 }).map((e) => `${e.position} ${e.event.id}`);

describeShared('replay survives SIGKILL at random moments', [CAPTURE], () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`loses and duplicates no committed event and resumes projections, over ${KILLS} kills`, async () => {
    const cleanDb = path.join(dir, 'clean.db');
    const clean = await replay(cleanDb);
    const seed = Number(process.env.SKYLEDGER_CRASH_SEED ?? 20180403);
    const random = seededRandom(seed);

    // Two databases crashed side by side (the machine has two cores), KILLS/2 kills each.
    const lane = async (db: string): Promise<{ kills: number; midway: number }> => {
      let kills = 0;
      let midway = 0;
      for (let attempt = 0; kills < KILLS / 2 && attempt < KILLS * 2; attempt++) {
        // Uniform over the injection window of the clean run (plus a little past it, to catch the tail).
        const run = await replay(db, random() * clean.ms * 1.1);
        if (!run.killed) continue;
        kills++;
        const store = openStore(db);
        try {
          if (store.log.headSync() > 0) midway++;
          expect(store.db.pragma('integrity_check', { simple: true }), `seed ${seed}`).toBe('ok');
        } finally {
          store.close();
        }
      }
      const last = await replay(db);
      expect(last.killed).toBe(false);
      return { kills, midway };
    };
    const crashDbs = [path.join(dir, 'crash-a.db'), path.join(dir, 'crash-b.db')];
    const lanes = await Promise.all(crashDbs.map(lane));
    expect(lanes.reduce((n, l) => n + l.kills, 0)).toBe(KILLS);
    expect(lanes.reduce((n, l) => n + l.midway, 0)).toBeGreaterThan(0);

    const a = openStore(cleanDb);
    try {
      const cleanIds = ids(a);
      const cleanDump = dumpAll(a);
      expect(cleanIds.length).toBeGreaterThan(500);
      for (const db of crashDbs) {
        const b = openStore(db);
        try {
          expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(ids(b), `seed ${seed}`).toEqual(cleanIds);
          expect(Object.values(b.runner.lag()).every((lag) => lag === 0)).toBe(true);
          const resumed = dumpAll(b);
          expect(resumed).toBe(cleanDump);
          b.runner.rebuild();
          expect(dumpAll(b)).toBe(resumed);
        } finally {
          b.close();
        }
      }
    } finally {
      a.close();
    }
  }, 300_000);
});
