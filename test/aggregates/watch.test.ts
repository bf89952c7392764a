import { describe, expect, it } from 'vitest';
import { decide, evolve, MAX_ACTIVE_WATCHES, noWatches, type WatchCommand } from '../../src/aggregates/index.ts';
import { LimitError, NotFoundError, ValidationError } from '../../src/app/command-errors.ts';
import { validateEvent, type SealedField, type SkyledgerEvent } from '../../src/events/index.ts';
import { identified } from '../events/builders.ts';

const T = '2026-11-26T04:30:00.000000Z';
const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';
const SEALED: SealedField = { alg: 'A256GCM', kid: 'k1', iv: 'aaaa', ct: 'bbbb', tag: 'cccc' };

const start = (body: unknown, watchId = W1, user = 'alice', sealedWebhook: SealedField | null = null): WatchCommand =>
  ({ type: 'start_watch', user, watchId, body, time: T, sealedWebhook });
const stop = (watchId = W1, user = 'alice'): WatchCommand => ({ type: 'stop_watch', user, watchId, time: T });

/** given(history).when(command).then(events) | .thenThrows(kind, field): the aggregate seen from outside. */
function given(history: SkyledgerEvent[], user = 'alice') {
  const state = history.reduce(evolve, noWatches(user));
  return {
    when(command: WatchCommand) {
      return {
        then(expected: unknown[]) {
          const events = decide(command, state);
          for (const e of events) expect(validateEvent(e)).toMatchObject({ ok: true });
          expect(events).toEqual(expected);
        },
        thenThrows(kind: new (...args: never[]) => Error, field?: string) {
          let thrown: unknown;
          try {
            decide(command, state);
          } catch (err) {
            thrown = err;
          }
          expect(thrown).toBeInstanceOf(kind);
          if (field !== undefined) expect((thrown as ValidationError).field).toBe(field);
        },
      };
    },
  };
}

const started = (body: unknown, watchId = W1, user = 'alice', sealed: SealedField | null = null) => decide(start(body, watchId, user, sealed), noWatches(user))[0];

describe('watch aggregate', () => {
  it('given nothing, when a callsign watch starts, then watch_started carries the user as source and the watch as subject', () => {
    given([]).when(start({ callsign: 'baw123 ', label: 'Dad' })).then([
      expect.objectContaining({
        type: 'org.skyledger.watch_started.v1', source: '/users/alice', subject: W1, time: T,
        data: { watch_id: W1, user_id: 'alice', criteria: { kind: 'callsign', callsign: 'BAW123' }, label: 'Dad', webhook: null },
      }),
    ]);
  });

  it('given nothing, when each kind of watch starts, then its criteria are normalised', () => {
    given([]).when(start({ icao: '4ca7b5' })).then([expect.objectContaining({ data: expect.objectContaining({ criteria: { kind: 'icao', icao: '4CA7B5' } }) })]);
    given([]).when(start({ squawk: '7700' })).then([expect.objectContaining({ data: expect.objectContaining({ criteria: { kind: 'squawk', squawk: '7700' } }) })]);
    given([]).when(start({ emergency: true })).then([expect.objectContaining({ data: expect.objectContaining({ criteria: { kind: 'emergency' } }) })]);
    given([]).when(start({ area: { lat: 50.03, lon: 8.57, radius_nm: 10 } })).then([
      expect.objectContaining({ data: expect.objectContaining({ criteria: { kind: 'area', latitude: 50.03, longitude: 8.57, radius_nm: 10, max_altitude_ft: null } }) }),
    ]);
  });

  it('given a body with a webhook, then the event holds the sealed URL the shell passed, never the plain one', () => {
    given([]).when(start({ callsign: 'DLH4AB', webhook: 'https://example.org/hook' }, W1, 'alice', SEALED)).then([
      expect.objectContaining({ data: expect.objectContaining({ webhook: SEALED }) }),
    ]);
    given([]).when(start({ callsign: 'DLH4AB', webhook: 'https://example.org/hook' })).thenThrows(ValidationError, 'webhook');
  });

  it('given the same command twice, then the event id is the same (deterministic)', () => {
    expect(started({ squawk: '7500' }).id).toBe(started({ squawk: '7500' }).id);
  });

  it('rejects invalid bodies with a ValidationError naming the field, and no events', () => {
    const cases: [unknown, string][] = [
      [{ callsign: 'TOOLONG123' }, 'callsign'],
      [{ callsign: 'BA-123' }, 'callsign'],
      [{ callsign: 42 }, 'callsign'],
      [{ icao: '4CA7B' }, 'icao'],
      [{ icao: 'GGGGGG' }, 'icao'],
      [{ squawk: '7800' }, 'squawk'],
      [{ squawk: 7700 }, 'squawk'],
      [{ emergency: false }, 'emergency'],
      [{ area: { lat: 91, lon: 0, radius_nm: 5 } }, 'area.lat'],
      [{ area: { lat: 0, lon: -181, radius_nm: 5 } }, 'area.lon'],
      [{ area: { lat: 0, lon: 0, radius_nm: 0 } }, 'area.radius_nm'],
      [{ area: { lat: 0, lon: 0, radius_nm: 10_000 } }, 'area.radius_nm'],
      [{ area: { lat: 0, lon: 0, radius_nm: 5, max_altitude_ft: 'high' } }, 'area.max_altitude_ft'],
      [{ area: { lat: 0, lon: 0 } }, 'area.radius_nm'],
      [{ callsign: 'BAW1', squawk: '7700' }, 'squawk'],
      [{}, 'body'],
      [[], 'body'],
      [null, 'body'],
      [{ callsign: 'BAW1', colour: 'red' }, 'colour'],
      [{ callsign: 'BAW1', webhook: 'ftp://example.org' }, 'webhook'],
      [{ callsign: 'BAW1', webhook: 'not a url' }, 'webhook'],
      [{ callsign: 'BAW1', label: 'x'.repeat(101) }, 'label'],
    ];
    for (const [body, field] of cases) given([]).when(start(body)).thenThrows(ValidationError, field);
  });

  it(`given ${MAX_ACTIVE_WATCHES} active watches, when one more starts, then LimitError; after a stop there is room again`, () => {
    const history: SkyledgerEvent[] = [];
    for (let i = 0; i < MAX_ACTIVE_WATCHES; i++) history.push(started({ squawk: '7700' }, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    given(history).when(start({ squawk: '7600' }, W2)).thenThrows(LimitError);
    const stopped = decide(stop(history[0].subject!), history.reduce(evolve, noWatches('alice')));
    given([...history, ...stopped]).when(start({ squawk: '7600' }, W2)).then([expect.objectContaining({ subject: W2 })]);
  });

  it('given [watchStarted], when stopWatch, then [watchStopped]', () => {
    given([started({ callsign: 'BAW1' })]).when(stop()).then([
      expect.objectContaining({ type: 'org.skyledger.watch_stopped.v1', source: '/users/alice', subject: W1, data: { watch_id: W1, user_id: 'alice' } }),
    ]);
  });

  it('given another user\'s watch, when alice stops it, then NotFoundError (a foreign id looks unknown)', () => {
    given([started({ callsign: 'BAW1' }, W1, 'bob')], 'alice').when(stop(W1)).thenThrows(NotFoundError);
    given([]).when(stop(W2)).thenThrows(NotFoundError);
  });

  it('given a stopped watch, when stopped again, then LimitError (conflict) and no event; the same id cannot start twice', () => {
    const s = started({ callsign: 'BAW1' });
    const history = [s, ...decide(stop(), evolve(noWatches('alice'), s))];
    given(history).when(stop()).thenThrows(LimitError);
    given([s]).when(start({ callsign: 'BAW2' })).thenThrows(LimitError);
  });

  it('ignores events it does not know (law 2)', () => {
    given([identified('4CA7B5', 'BAW1'), started({ callsign: 'BAW1' })]).when(stop()).then([expect.objectContaining({ type: 'org.skyledger.watch_stopped.v1' })]);
  });

  it('rejects a command without a usable time', () => {
    given([]).when({ ...start({ callsign: 'BAW1' }), time: 'yesterday' } as WatchCommand).thenThrows(ValidationError, 'time');
  });
});
