import { describe, expect, it } from 'vitest';
import { validateEvent, type SkyledgerEvent } from '../../src/events/index.ts';
import { CleanupTicker, ObservationInjector } from '../../src/injectors/index.ts';
import { createMessage, type ModeSMessage } from '../../src/modes/message.ts';

const T = 1522782148_000000;
const s = (seconds: number): number => T + seconds * 1e6;

function msg(fields: Partial<ModeSMessage>): ModeSMessage {
  return Object.assign(createMessage(), { df: 17, icao: 0x4caaae, crc_ok: true, bits: 112, bytes: Uint8Array.of(0x8d, 0x4c, 0xaa, 0xae, fields.tc ?? 0) }, fields);
}
const ident = (callsign: string, category = 'A3') => msg({ tc: 4, callsign, category });
const pos = (lat: number) => msg({ tc: 11, latitude: lat, longitude: 31, altitude: 35000, altitude_type: 'barometric', cpr_format: 'even', cpr_lat: 1, cpr_lon: 2, position_decoding: 'global', on_ground: false });
const vel = () => msg({ tc: 19, ground_speed: 450, heading: 90, vertical_rate: -64, vertical_rate_source: 'barometric' });

function run(injector: ObservationInjector, frames: [number, ModeSMessage][]): SkyledgerEvent[] {
  const out: SkyledgerEvent[] = [];
  for (const [t, m] of frames) injector.observe(m, s(t), out);
  return out;
}

describe('observation injector', () => {
  it('identifies an aircraft when first seen, on change, and at most once a minute otherwise', () => {
    const events = run(new ObservationInjector('home'), [
      [0, ident('SDM6414')], [1, ident('SDM6414')], [30, ident('SDM6414')], [31, ident('SDM6415')], [61, ident('SDM6415')], [91, ident('SDM6415')],
    ]);
    expect(events.map((e) => [e.type, (e.data as { callsign: string }).callsign, e.time.slice(17, 19)])).toEqual([
      ['org.skyledger.aircraft_identified.v1', 'SDM6414', '28'],
      ['org.skyledger.aircraft_identified.v1', 'SDM6415', '59'],
      ['org.skyledger.aircraft_identified.v1', 'SDM6415', '59'],
    ]);
    expect(events[2].time).toBe('2018-04-03T19:03:59.000000Z');
  });

  it('reports positions and velocities at most once per second per aircraft, or every frame with interval 0', () => {
    const frames: [number, ModeSMessage][] = [[0, pos(59)], [0.4, pos(59.1)], [0.5, vel()], [1.0, pos(59.2)], [1.2, vel()], [1.6, vel()]];
    const limited = run(new ObservationInjector('home'), frames);
    expect(limited.map((e) => e.type.split('.')[2])).toEqual(['position_reported', 'velocity_reported', 'position_reported', 'velocity_reported']);
    expect(run(new ObservationInjector('home', { positionIntervalSeconds: 0 }), frames)).toHaveLength(6);
  });

  it('keeps the rate limits per aircraft', () => {
    const other = msg({ ...pos(60), icao: 0x71be34, bytes: Uint8Array.of(0x8d, 0x71, 0xbe, 0x34) });
    expect(run(new ObservationInjector('home'), [[0, pos(59)], [0.1, other]]).map((e) => e.subject)).toEqual(['4CAAAE', '71BE34']);
  });

  it('turns surveillance altitudes (DF0/4/16/20) into altitude_reported and identity replies into squawks without an emergency', () => {
    const events = run(new ObservationInjector('home'), [
      [0, msg({ df: 4, altitude: 36000 })], [0.1, msg({ df: 20, altitude: 36025 })], [2, msg({ df: 0, altitude: 36050 })],
      [3, msg({ df: 5, squawk: '7700', emergency: 'general' })], [4, msg({ df: 21, squawk: '7700' })], [5, msg({ df: 21, squawk: '1000' })],
      [6, msg({ df: 17, tc: 28, squawk: '1000', emergency: 'lifeguard' })],
    ]);
    expect(events.map((e) => e.data)).toEqual([
      { icao_address: '4CAAAE', altitude: 36000 },
      { icao_address: '4CAAAE', altitude: 36050 },
      { icao_address: '4CAAAE', squawk: '7700' },
      { icao_address: '4CAAAE', squawk: '1000' },
      { icao_address: '4CAAAE', squawk: '1000', emergency: 'lifeguard' },
    ]);
  });

  it('makes nothing of frames without a verified address, and every event it makes is valid', () => {
    const injector = new ObservationInjector('home');
    expect(run(injector, [[0, msg({ ...pos(59), crc_ok: false })], [0, msg({ ...pos(59), icao: -1 })]])).toEqual([]);
    expect(injector.skipped.no_icao).toBe(2);
    const events = run(new ObservationInjector('home'), [[0, ident('AMC421  ')], [0, pos(59)], [0, vel()], [0, msg({ df: 4, altitude: 100 })]]);
    expect(events).toHaveLength(4);
    for (const e of events) expect(validateEvent(e)).toEqual({ ok: true, event: e });
  });

  it('given the same frames twice, then it mints the same ids', () => {
    const frames: [number, ModeSMessage][] = [[0, ident('AMC421')], [0.5, pos(59)], [2, vel()]];
    expect(run(new ObservationInjector('home'), frames).map((e) => e.id)).toEqual(run(new ObservationInjector('home'), frames).map((e) => e.id));
  });
});

describe('cleanup ticks', () => {
  it('tick on interval boundaries of the traffic time, carrying their max age, deterministically', () => {
    const times = [10, 59, 61, 62, 125, 400].map((x) => s(x) - (T % 60e6));
    const tick = () => {
      const ticker = new CleanupTicker('home', { intervalSeconds: 60, maxAgeSeconds: 300 });
      const out: SkyledgerEvent[] = [];
      for (const t of times) ticker.advance(t, out);
      return out;
    };
    const out = tick();
    // Traffic from 19:02:10 to 19:08:40: boundaries 19:03 and 19:04 crossed, then one tick for the 19:05–19:08 gap.
    expect(out.map((e) => e.time)).toEqual(['2018-04-03T19:03:00.000000Z', '2018-04-03T19:04:00.000000Z', '2018-04-03T19:08:00.000000Z']);
    expect(out.map((e) => e.data)).toEqual([{ max_age_seconds: 300 }, { max_age_seconds: 300 }, { max_age_seconds: 300 }]);
    expect(tick().map((e) => e.id)).toEqual(out.map((e) => e.id));
  });
});
