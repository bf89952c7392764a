// `skyledger serve` as a user runs it: a child process on port 0 replaying the demo capture;
// SIGTERM shuts it down gracefully (exit 0, pending events appended, database closed cleanly).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.ts';
import { REPO } from '../helpers/shared.ts';
import { DEMO_BEAST, waitFor } from './service-harness.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('serves the API from a capture and shuts down on SIGTERM with everything appended', async () => {
  const db = path.join(dir, 'serve.db');
  const child = spawn(process.execPath, [path.join(REPO, 'bin/skyledger.js'), 'serve', '--source', `demo=file://${DEMO_BEAST}?speed=max`, '--db', db, '--port', '0', '--lat', '50.11', '--lon', '8.68'], {
    cwd: dir, env: { ...process.env, SKYLEDGER_API_TOKENS: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, any>[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout.on('data', (d) => {
    buffered += String(d);
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const p of parts) if (p.startsWith('{')) lines.push(JSON.parse(p));
  });
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const serving = await waitFor('the serving log line', () => lines.find((l) => l.msg === 'skyledger serving'), 60_000);
    expect(serving.sources).toEqual([{ name: 'demo', uri: `file://${DEMO_BEAST}?speed=max` }]);
    const health = await waitFor('the capture to be read', async () => {
      const h = (await (await fetch(`${serving.url}/health`)).json()) as any;
      return h.sources[0].state === 'closed' ? h : undefined;
    }, 60_000);
    const aircraft = (await (await fetch(`${serving.url}/api/aircraft`)).json()) as any;
    expect(aircraft.aircraft.filter((a: any) => a.callsign && a.latitude !== null).length).toBeGreaterThanOrEqual(30);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const stopped = lines.find((l) => l.msg === 'skyledger stopped');
    expect(stopped?.log_head).toBeGreaterThanOrEqual(health.log.head);
    const reopened = openDatabase(db);
    try {
      expect(reopened.prepare('SELECT max(position) FROM events').pluck().get()).toBe(stopped!.log_head);
    } finally {
      reopened.close();
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    if (stderr.includes('Error')) console.error(stderr);
  }
}, 120_000);
