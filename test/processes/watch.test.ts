import { describe, expect, it } from 'vitest';
import { decide, noWatches } from '../../src/aggregates/index.ts';
import { formatMicros, validateEvent, type SkyledgerEvent, type WatchStarted } from '../../src/events/index.ts';
import { alertFact, react, startWatchProcess, type WatchProcessCommand } from '../../src/processes/index.ts';
import { cleanupTick, identified, position, squawk, T0, velocity } from '../events/builders.ts';

const W = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';

function watch(body: unknown, watchId = W): WatchStarted {
  return decide({ type: 'start_watch', user: 'alice', watchId, body, time: formatMicros(T0 - 1_000_000), sealedWebhook: null }, noWatches('alice'))[0] as WatchStarted;
}

function stopped(watchId = W): SkyledgerEvent {
  return decide({ type: 'stop_watch', user: 'alice', watchId, time: formatMicros(T0 + 500_000_000) }, { user: 'alice', watches: new Map([[watchId, true]]) })[0];
}

/** given(watch_started).when(...events).then(commands): a fresh instance, events at positions 2, 3, … */
function given(started: WatchStarted) {
  return {
    when(...events: SkyledgerEvent[]) {
      const state = startWatchProcess(started);
      const commands: WatchProcessCommand[] = [];
      events.forEach((event, i) => commands.push(...react(state, { position: i + 2, event })));
      return {
        then(expected: unknown[]) {
          expect(commands).toEqual(expected);
        },
        commands,
      };
    },
  };
}

const spotted = (icao: string, extra: object = {}) => expect.objectContaining({ type: 'record_flight_spotted', watchId: W, user: 'alice', icao, ...extra });
const lost = (icao: string, extra: object = {}) => expect.objectContaining({ type: 'record_flight_lost', watchId: W, user: 'alice', icao, ...extra });

describe('watch process manager', () => {
  it('callsign: spots on aircraft_identified with that callsign, carrying the trigger and what was heard before', () => {
    const pos = position('4CA7B5', 50.1, 8.6, 1, 36000);
    const id = identified('4CA7B5', 'BAW123  ', 2);
    given(watch({ callsign: 'BAW123' })).when(pos, id).then([
      spotted('4CA7B5', {
        callsign: 'BAW123', latitude: 50.1, longitude: 8.6, altitude: 36000, squawk: null, time: id.time,
        trigger: { event_id: id.id, position: 3, type: 'org.skyledger.aircraft_identified.v1' },
      }),
    ]);
  });

  it('callsign: does not match another callsign, a prefix, or the callsign on a different event type', () => {
    given(watch({ callsign: 'BAW123' })).when(identified('4CA7B5', 'BAW1234'), identified('4CA7B6', 'BAW12'), squawk('4CA7B5', '1234')).then([]);
  });

  it('icao: any observation of that aircraft matches; others do not', () => {
    given(watch({ icao: '4CA7B5' })).when(velocity('3C6444', 450, 90, 0), velocity('4CA7B5', 450, 90, 0, 1)).then([spotted('4CA7B5')]);
  });

  it('squawk: matches squawk_received with that code only', () => {
    given(watch({ squawk: '7000' })).when(squawk('4CA7B5', '7001'), identified('4CA7B5', 'A7000'), squawk('3C6444', '7000', 1)).then([spotted('3C6444', { squawk: '7000' })]);
  });

  it('emergency: 7500/7600/7700 or an ADS-B emergency state other than none; not 7000 nor emergency none', () => {
    given(watch({ emergency: true })).when(
      squawk('AAAAA1', '7000', 0, 'none'),
      squawk('AAAAA2', '7700', 1),
      squawk('AAAAA3', '7600', 2),
      squawk('AAAAA4', '7500', 3),
      squawk('AAAAA5', '2000', 4, 'lifeguard'),
    ).then([
      spotted('AAAAA2', { squawk: '7700' }), spotted('AAAAA3'), spotted('AAAAA4'), spotted('AAAAA5', { emergency: 'lifeguard' }),
    ]);
  });

  it('area: a position within the radius and below the ceiling matches; outside, above, or unknown altitude does not', () => {
    const area = watch({ area: { lat: 50.0, lon: 8.5, radius_nm: 10, max_altitude_ft: 10000 } });
    given(area).when(
      position('AAAAA1', 50.5, 8.5, 0, 5000), // 30 nm north
      position('AAAAA2', 50.05, 8.5, 1, 12000), // inside, too high
      position('AAAAA3', 50.05, 8.5, 2, null), // inside, altitude unknown
      position('AAAAA4', 50.1, 8.55, 3, 9000), // ~6.3 nm
    ).then([spotted('AAAAA4', { latitude: 50.1, altitude: 9000 })]);
    given(watch({ area: { lat: 50.0, lon: 8.5, radius_nm: 10 } })).when(position('AAAAA2', 50.05, 8.5, 1, 42000)).then([spotted('AAAAA2')]);
  });

  it('spots each aircraft once, however often it matches', () => {
    given(watch({ squawk: '7700' })).when(squawk('4CA7B5', '7700', 0), squawk('4CA7B5', '7700', 1), squawk('3C6444', '7700', 2), squawk('4CA7B5', '7700', 3))
      .then([spotted('4CA7B5'), spotted('3C6444')]);
  });

  it('loses a spotted aircraft at the first tick that finds it older than max_age_seconds, then may spot it again', () => {
    const tick1 = cleanupTick(60, 300);
    const tick2 = cleanupTick(400, 300);
    given(watch({ squawk: '7700' })).when(
      squawk('4CA7B5', '7700', 0), squawk('3C6444', '7000', 1), position('4CA7B5', 50, 8, 30), tick1, tick2, squawk('4CA7B5', '7700', 500),
    ).then([
      spotted('4CA7B5'),
      lost('4CA7B5', { time: tick2.time, lastSeen: position('4CA7B5', 50, 8, 30).time, trigger: { event_id: tick2.id, position: 6, type: 'org.skyledger.cleanup_interval_passed.v1' } }),
      spotted('4CA7B5'),
    ]);
  });

  it('is silent after its watch_stopped, and ignores another watch\'s stop', () => {
    given(watch({ squawk: '7700' })).when(stopped(OTHER), squawk('4CA7B5', '7700', 1)).then([spotted('4CA7B5')]);
    given(watch({ squawk: '7700' })).when(squawk('4CA7B5', '7700', 0), stopped(), squawk('3C6444', '7700', 2), cleanupTick(1000, 300)).then([spotted('4CA7B5')]);
  });

  it('ignores unknown event types and its own alerts', () => {
    const unknown = { ...squawk('4CA7B5', '7700'), type: 'org.skyledger.something_new.v3' } as unknown as SkyledgerEvent;
    const { commands } = given(watch({ squawk: '7700' })).when(squawk('4CA7B5', '7700'));
    const alert = alertFact(commands[0]);
    given(watch({ squawk: '7700' })).when(unknown, alert, watch({ squawk: '7700' }, OTHER)).then([]);
  });

  it('records commands as valid events with ids derived from the watch and the trigger (re-running appends nothing new)', () => {
    const events = [squawk('4CA7B5', '7700', 0), cleanupTick(400, 300)];
    const first = given(watch({ squawk: '7700' })).when(...events).commands.map(alertFact);
    const again = given(watch({ squawk: '7700' })).when(...events).commands.map(alertFact);
    expect(first.map((e) => e.type)).toEqual(['org.skyledger.flight_spotted.v1', 'org.skyledger.flight_lost.v1']);
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    for (const e of first) {
      expect(validateEvent(e)).toMatchObject({ ok: true });
      expect(e).toMatchObject({ source: '/users/alice', subject: W, data: { watch_id: W, user_id: 'alice', icao: '4CA7B5' } });
    }
    const otherWatch = given(watch({ squawk: '7700' }, OTHER)).when(...events).commands.map(alertFact);
    expect(otherWatch[0].id).not.toBe(first[0].id);
  });
});
