import { describe, expect, it } from 'vitest';
import { decide, evolve, noWatches } from '../../src/aggregates/index.ts';
import { formatMicros, type SealedField, type SkyledgerEvent } from '../../src/events/index.ts';
import { alertFact, react, startWatchProcess } from '../../src/processes/index.ts';
import { WatchQueries, WatchTables } from '../../src/store/index.ts';
import { cleanupTick, squawk, T0 } from '../events/builders.ts';
import { given } from './given.ts';

const W1 = '55555555-5555-4555-8555-555555555555';
const W2 = '66666666-6666-4666-8666-666666666666';
const SEALED: SealedField = { alg: 'A256GCM', kid: 'k', iv: 'AA', ct: 'BB', tag: 'CC' };
const watches = { make: (db: never) => new WatchTables(db), queries: (db: never) => new WatchQueries(db) };

function start(watchId: string, user: string, body: unknown, seconds = -10, sealed: SealedField | null = null): SkyledgerEvent {
  return decide({ type: 'start_watch', user, watchId, body, time: formatMicros(T0 + seconds * 1e6), sealedWebhook: sealed }, noWatches(user))[0];
}

function stop(started: SkyledgerEvent, user: string, seconds: number): SkyledgerEvent {
  return decide({ type: 'stop_watch', user, watchId: started.subject!, time: formatMicros(T0 + seconds * 1e6) }, evolve(noWatches(user), started))[0];
}

describe('watches projection', () => {
  it('lists a user\'s watches with criteria, label, the sealed webhook and status; not other users\'', () => {
    const a = start(W1, 'alice', { callsign: 'BAW1', label: 'Dad', webhook: 'https://x.example/h' }, -10, SEALED);
    const b = start(W2, 'bob', { emergency: true });
    given(watches).when(a, b).then((q) => {
      expect(q.ofUserId('alice')).toEqual([expect.objectContaining({
        watch_id: W1, user_id: 'alice', criteria: { kind: 'callsign', callsign: 'BAW1' }, label: 'Dad', webhook: SEALED, status: 'active', spotted: 0,
      })]);
      expect(q.ofUserId('bob').map((w) => w.watch_id)).toEqual([W2]);
      expect(q.ofUserId('carol')).toEqual([]);
    });
  });

  it('counts alerts and marks a stop', () => {
    const s = start(W1, 'alice', { squawk: '7700' });
    const pm = startWatchProcess(s as never);
    const history = [squawk('4CA7B5', '7700', 0), squawk('3C6444', '7700', 1), cleanupTick(1000, 300)];
    const alerts = history.flatMap((event, i) => react(pm, { position: i + 2, event }).map(alertFact));
    given(watches, s, ...history, ...alerts).when(stop(s, 'alice', 2000)).then((q) => {
      expect(q.byId(W1)).toMatchObject({ status: 'stopped', stopped_at: formatMicros(T0 + 2000e6), spotted: 2, lost: 2, last_alert_at: formatMicros(T0 + 1000e6) });
    });
  });
});
