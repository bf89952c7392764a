// Given a seeded scenario, when its frames go through the project's own Decoder, then what comes
// out is the truth the simulator wrote: identities, squawks, emergencies, positions, velocities —
// and damaged frames are either repaired to what was sent or rejected, never misread.
import { describe, expect, it } from 'vitest';
import { Decoder, type DecoderOptions } from '../../src/modes/decoder.ts';
import { bytesToHex, icaoHex, type ModeSMessage } from '../../src/modes/message.ts';
import { METRES_PER_NM, distanceM } from '../../src/sim/great-circle.ts';
import { DEFAULT_RATES, type MessageKind } from '../../src/sim/message-rates.ts';
import { Prng } from '../../src/sim/prng.ts';
import { DEFAULT_TRAFFIC_OPTIONS } from '../../src/sim/traffic.ts';
import { TrafficSimulator, type SimulationOptions } from '../../src/sim/traffic-simulator.ts';
import { aircraftTruth } from '../../src/sim/truth.ts';
import { angleDifference, trueStateAt } from './truth-track.ts';

const RECEIVER = { lat: 47.4582, lon: 8.5555 };

function scenario(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    ...DEFAULT_TRAFFIC_OPTIONS, aircraft: 16, duration: 150, receiver: RECEIVER, emergencyShare: 0.1,
    rates: { ...DEFAULT_RATES }, corruptShare: 0.03, ...overrides,
  };
}

interface Sent {
  kind: MessageKind;
  icao: string;
  time: number;
  corruptedBits: number;
  original: string;
  decoded: ModeSMessage | null;
}

/** Runs the simulator through a Decoder, keeping a copy of every decoded message. */
function simulateAndDecode(options: SimulationOptions, seed: number, decoderOptions: DecoderOptions = {}) {
  const simulator = new TrafficSimulator(options, new Prng(seed));
  const decoder = new Decoder({ receiver: options.receiver, maxRangeNm: options.rangeNm + 20, ...decoderOptions });
  const sent: Sent[] = [];
  simulator.run((frame) => {
    const msg = decoder.decode(frame.bytes, frame.timestamp12 / 12e6);
    sent.push({
      kind: frame.kind, icao: icaoHex(simulator.traffic.flights[frame.flight].identity.icao), time: frame.time,
      corruptedBits: frame.corruptedBits, original: bytesToHex(frame.original),
      decoded: msg === null ? null : { ...msg, bytes: msg.bytes.slice() },
    });
  });
  const truth = new Map(simulator.traffic.flights.map((f) => {
    const record = aircraftTruth(f, options, 1);
    return [record.icao, record] as const;
  }));
  return { sent, truth, decoder };
}

describe('TrafficSimulator decoded by the Decoder', () => {
  const options = scenario();
  const { sent, truth, decoder } = simulateAndDecode(options, 7);
  const decoded = sent.filter((s) => s.decoded !== null && s.corruptedBits === 0).map((s) => ({ ...s, msg: s.decoded! }));

  it('sends a realistic mix: every kind of message, timestamps in order, some frames damaged', () => {
    const kinds = new Set(sent.map((s) => s.kind));
    for (const k of ['identification', 'airborne_position', 'velocity', 'status', 'all_call', 'altitude_reply', 'identity_reply', 'commb_altitude', 'commb_identity'] as const) {
      expect(kinds).toContain(k);
    }
    for (let i = 1; i < sent.length; i++) expect(sent[i].time).toBeGreaterThanOrEqual(sent[i - 1].time);
    const damaged = sent.filter((s) => s.corruptedBits > 0).length / sent.length;
    expect(damaged).toBeGreaterThan(0.02);
    expect(damaged).toBeLessThan(0.04);
    // Clean frames all decode (the address of an address/parity reply is known from its squitters).
    const cleanRejected = sent.filter((s) => s.corruptedBits === 0 && s.decoded === null);
    expect(cleanRejected.length).toBeLessThan(sent.length * 0.002);
  });

  it('recovers every aircraft with its callsign and squawk', () => {
    for (const [icao, aircraft] of truth) {
      if (aircraft.track.length === 0) continue;
      const own = decoded.filter((d) => d.icao === icao);
      expect(new Set(own.map((d) => d.msg.callsign).filter(Boolean)), icao).toEqual(new Set([aircraft.callsign]));
      expect(new Set(own.map((d) => d.msg.squawk).filter(Boolean)), icao).toEqual(new Set([aircraft.squawk]));
      expect(own.every((d) => icaoHex(d.msg.icao) === icao)).toBe(true);
    }
  });

  it('flags the emergency aircraft, and only it, through TC 28 and its 7700 squawk', () => {
    const emergencies = [...truth.values()].filter((a) => a.emergency !== 'none');
    expect(emergencies.length).toBeGreaterThan(0);
    const flagged = new Set(decoded.filter((d) => d.msg.emergency !== undefined && d.msg.emergency !== 'none').map((d) => d.icao));
    expect(flagged).toEqual(new Set(emergencies.map((a) => a.icao)));
    for (const a of emergencies) {
      const status = decoded.filter((d) => d.icao === a.icao && d.msg.tc === 28);
      expect(status.length).toBeGreaterThan(0);
      expect(status.every((d) => d.msg.emergency === 'general' && d.msg.squawk === '7700')).toBe(true);
    }
  });

  it('resolves positions within 50 m of the truth at the frame time, airborne and on the surface', () => {
    let airborne = 0;
    let surface = 0;
    for (const d of decoded) {
      if (d.msg.latitude === undefined) continue;
      const at = trueStateAt(truth.get(d.icao)!, d.time)!;
      expect(distanceM(at.lat, at.lon, d.msg.latitude, d.msg.longitude!), `${d.icao} at ${d.time}`).toBeLessThan(50);
      if (d.kind === 'surface_position') surface++;
      else airborne++;
    }
    // Nearly every position frame resolves (the first of each aircraft waits for its pair).
    const positionFrames = decoded.filter((d) => d.kind === 'airborne_position' || d.kind === 'surface_position').length;
    expect(airborne + surface).toBeGreaterThan(positionFrames * 0.95);
    expect(surface).toBeGreaterThan(0);
  });

  it('reports altitudes within 25 ft quantisation and velocities within their quantisation', () => {
    let velocities = 0;
    for (const d of decoded) {
      const at = trueStateAt(truth.get(d.icao)!, d.time);
      if (at === undefined) continue;
      if (d.msg.altitude !== undefined && !at.onGround) expect(Math.abs(d.msg.altitude - at.altitude), d.kind).toBeLessThanOrEqual(13);
      if (d.kind === 'velocity' && at.steady) {
        velocities++;
        // East and north components are sent in whole knots, the climb rate in 64 ft/min steps.
        expect(Math.abs(d.msg.ground_speed! - at.groundSpeed)).toBeLessThanOrEqual(0.75);
        expect(angleDifference(d.msg.heading!, at.track)).toBeLessThanOrEqual((Math.atan2(0.75, at.groundSpeed) * 180) / Math.PI + 0.01);
        expect(Math.abs(d.msg.vertical_rate! - at.verticalRate)).toBeLessThanOrEqual(32 + 1);
      }
      if (d.kind === 'surface_position' && at.steady && at.groundSpeed > 2 && d.msg.ground_speed !== undefined) {
        // Surface movement codes report the lower edge of their band (0.5 kt wide at taxi speeds,
        // up to 5 kt at roll-out speeds); the track comes in 360/128° steps.
        const band = at.groundSpeed < 15 ? 0.5 : at.groundSpeed < 70 ? 1 : at.groundSpeed < 100 ? 2 : 5;
        expect(at.groundSpeed - d.msg.ground_speed).toBeGreaterThanOrEqual(-0.05);
        expect(at.groundSpeed - d.msg.ground_speed).toBeLessThanOrEqual(band + 0.05);
        expect(angleDifference(d.msg.heading!, at.track)).toBeLessThanOrEqual(360 / 256 + 0.01);
      }
    }
    expect(velocities).toBeGreaterThan(100);
  });

  it('repairs or rejects every damaged frame and never decodes one into different content', () => {
    expectDamageRepairedOrRejected(sent);
    expect(decoder.stats.correctedBits[1]).toBeGreaterThan(0);
  });

  it('holds with two-bit repair switched on as well', () => {
    const withTwoBits = simulateAndDecode(scenario({ corruptShare: 0.2, duration: 60 }), 8, { fixTwoBits: true });
    expectDamageRepairedOrRejected(withTwoBits.sent);
    expect(withTwoBits.decoder.stats.correctedBits[2]).toBeGreaterThan(0);
  });
});

function expectDamageRepairedOrRejected(sent: Sent[]): void {
  const damaged = sent.filter((s) => s.corruptedBits > 0);
  expect(damaged.length).toBeGreaterThan(50);
  let repaired = 0;
  for (const s of damaged) {
    if (s.decoded === null) continue;
    repaired++;
    expect(s.decoded.icao, s.original).toBe(parseInt(s.original.slice(2, 8), 16));
    // A DF11's last seven parity bits name the interrogator: flips there read as a different,
    // valid interrogator code and cannot be told apart. Everything else must be the frame as sent.
    const compared = s.decoded.df === 11 ? 12 : s.original.length;
    expect(bytesToHex(s.decoded.bytes).slice(0, compared)).toBe(s.original.slice(0, compared));
  }
  expect(repaired).toBeGreaterThan(0);
}

describe('TrafficSimulator rates', () => {
  it('sends each kind at its configured rate (±30%) per aircraft over the time it applies', () => {
    const options = scenario({ aircraft: 24, duration: 240, corruptShare: 0, emergencyShare: 0 });
    const simulator = new TrafficSimulator(options, new Prng(99));
    const counts = new Map<string, number>();
    simulator.run((f) => {
      const key = `${f.flight}:${f.kind}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    let checked = 0;
    simulator.traffic.flights.forEach((flight, index) => {
      const track = aircraftTruth(flight, options, 1).track;
      // Seconds within range, airborne and on the ground, and on the ground standing still.
      const heard = track.length;
      const airborne = track.filter((p) => p[7] === 0).length;
      const still = track.filter((p) => p[7] === 1 && p[4] < 1).length;
      const expected: Array<[MessageKind, number]> = [
        ['identification', heard * DEFAULT_RATES.identification],
        ['all_call', heard * DEFAULT_RATES.all_call],
        ['status', heard * DEFAULT_RATES.status],
        ['altitude_reply', heard * DEFAULT_RATES.altitude_reply],
        ['identity_reply', heard * DEFAULT_RATES.identity_reply],
        ['commb_altitude', heard * DEFAULT_RATES.commb_altitude],
        ['commb_identity', heard * DEFAULT_RATES.commb_identity],
        ['airborne_position', airborne * DEFAULT_RATES.airborne_position],
        ['velocity', airborne * DEFAULT_RATES.velocity],
        ['surface_position', (heard - airborne - still) * DEFAULT_RATES.surface_position + still * DEFAULT_RATES.surface_position_still],
      ];
      for (const [kind, want] of expected) {
        const got = counts.get(`${index}:${kind}`) ?? 0;
        if (want < 15) continue;
        checked++;
        expect(got / want, `${flight.identity.callsign} ${kind}: ${got} vs ${want.toFixed(1)}`).toBeGreaterThan(0.7);
        expect(got / want, `${flight.identity.callsign} ${kind}: ${got} vs ${want.toFixed(1)}`).toBeLessThan(1.3);
      }
    });
    expect(checked).toBeGreaterThan(24 * 6);
  });

  it('replays the same frames on every call of run', () => {
    const simulator = new TrafficSimulator(scenario({ aircraft: 5, duration: 20 }), new Prng(31));
    const record = () => {
      const frames: string[] = [];
      simulator.run((f) => frames.push(`${f.timestamp12}:${f.signal}:${bytesToHex(f.bytes)}`));
      return frames;
    };
    const first = record();
    expect(first.length).toBeGreaterThan(300);
    expect(record()).toEqual(first);
  });

  it('keeps every frame within range of the receiver, weaker the farther the aircraft', () => {
    const options = scenario({ aircraft: 10, duration: 60, corruptShare: 0 });
    const simulator = new TrafficSimulator(options, new Prng(5));
    const state = { lat: 0, lon: 0, track: 0, altitude: 0, groundSpeed: 0, verticalRate: 0, onGround: false };
    const rssiNear: number[] = [];
    const rssiFar: number[] = [];
    simulator.run((f) => {
      simulator.traffic.flights[f.flight].stateAt(f.time, state);
      const nm = distanceM(RECEIVER.lat, RECEIVER.lon, state.lat, state.lon) / METRES_PER_NM;
      expect(nm).toBeLessThanOrEqual(options.rangeNm + 1);
      if (nm < 40) rssiNear.push(20 * Math.log10(f.signal / 255));
      if (nm > 100) rssiFar.push(20 * Math.log10(f.signal / 255));
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(rssiNear.length).toBeGreaterThan(100);
    expect(rssiFar.length).toBeGreaterThan(100);
    // Free-space loss: 40 → 100 NM alone is 8 dB.
    expect(mean(rssiNear) - mean(rssiFar)).toBeGreaterThan(8);
  });
});
