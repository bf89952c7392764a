// The observation injector: decoded frames in, the few facts worth keeping forever out (DESIGN §3).
// Identity and squawk when first seen, on change, and at most once a minute otherwise; positions,
// velocities and surveillance altitudes at most once per interval per aircraft (0 = every frame).
// Frames that failed CRC never reach here (the decoder returns no message for them). All times are
// the frames' reception times, so a replay makes exactly the same decisions as the live run did.
import {
  AIRCRAFT_IDENTIFIED, ALTITUDE_REPORTED, POSITION_REPORTED, SQUAWK_RECEIVED, VELOCITY_REPORTED, buildEvent,
  EMERGENCY_STATES, receiverSource, type EmergencyState, type SkyledgerEvent,
} from '../events/index.ts';
import { icaoHex, type ModeSMessage } from '../modes/message.ts';

export interface ObservationPolicy {
  /** Minimum seconds between position (and velocity, altitude) events per aircraft; 0 = every frame. Default 1. */
  positionIntervalSeconds?: number;
  /** Seconds after which an unchanged identity or squawk is repeated. Default 60. */
  identityRepeatSeconds?: number;
  /** Aircraft not heard for this long are forgotten (their next identity counts as first seen). Default 600. */
  forgetAfterSeconds?: number;
}

export type SkipReason = 'no_icao' | 'bad_callsign' | 'bad_squawk' | 'rate_limited' | 'nothing_to_report';

interface Memo {
  lastHeard: number;
  identT: number;
  callsign: string;
  category: string | null;
  squawkT: number;
  squawk: string;
  emergency: EmergencyState | undefined;
  positionT: number;
  velocityT: number;
  altitudeT: number;
}

const EMERGENCIES = new Set<string>(EMERGENCY_STATES);
const CALLSIGN = /^[A-Z0-9 ]{1,8}$/;
const SQUAWK = /^[0-7]{4}$/;
const CATEGORY = /^[A-D][0-7]$/;

export class ObservationInjector {
  readonly source: string;
  /** Events emitted, by type; frames that produced nothing, by reason. */
  readonly emitted: Record<string, number> = {};
  readonly skipped: Record<SkipReason, number> = { no_icao: 0, bad_callsign: 0, bad_squawk: 0, rate_limited: 0, nothing_to_report: 0 };
  private readonly intervalUs: number;
  private readonly repeatUs: number;
  private readonly forgetUs: number;
  private readonly memos = new Map<number, Memo>();
  private nextSweep = Number.NEGATIVE_INFINITY;

  constructor(receiverName: string, policy: ObservationPolicy = {}) {
    this.source = receiverSource(receiverName);
    this.intervalUs = (policy.positionIntervalSeconds ?? 1) * 1e6;
    this.repeatUs = (policy.identityRepeatSeconds ?? 60) * 1e6;
    this.forgetUs = (policy.forgetAfterSeconds ?? 600) * 1e6;
  }

  /** Aircraft currently remembered. */
  get aircraft(): number {
    return this.memos.size;
  }

  /**
   * Turns one accepted message into zero or more events pushed onto `out`. The message may be the
   * decoder's reused object: everything kept is copied out before returning.
   */
  observe(m: ModeSMessage, timeUs: number, out: SkyledgerEvent[]): number {
    if (m.icao < 0 || !m.crc_ok) {
      this.skipped.no_icao++;
      return 0;
    }
    if (timeUs >= this.nextSweep) this.sweep(timeUs);
    let memo = this.memos.get(m.icao);
    if (memo === undefined) {
      memo = {
        lastHeard: timeUs, identT: Number.NEGATIVE_INFINITY, callsign: '', category: null, squawkT: Number.NEGATIVE_INFINITY,
        squawk: '', emergency: undefined, positionT: Number.NEGATIVE_INFINITY, velocityT: Number.NEGATIVE_INFINITY,
        altitudeT: Number.NEGATIVE_INFINITY,
      };
      this.memos.set(m.icao, memo);
    } else if (timeUs > memo.lastHeard) {
      memo.lastHeard = timeUs;
    }
    const before = out.length;
    const df = m.df;
    const icao = icaoHex(m.icao);
    const adsb = (df === 17 || df === 18) && m.tc !== undefined;
    if (adsb) {
      const tc = m.tc as number;
      if (tc >= 1 && tc <= 4) this.identification(m, memo, icao, timeUs, out);
      else if (tc === 19) this.velocity(m, memo, icao, timeUs, out);
      else if (tc === 28 && m.squawk !== undefined) this.squawk(m, memo, icao, timeUs, out, true);
      else if (m.latitude !== undefined && m.longitude !== undefined) this.position(m, memo, icao, timeUs, out);
    } else if (df === 0 || df === 4 || df === 16 || df === 20) {
      if (m.altitude !== undefined) this.altitude(m.altitude, m, memo, icao, timeUs, out);
    } else if ((df === 5 || df === 21) && m.squawk !== undefined) {
      this.squawk(m, memo, icao, timeUs, out, false);
    }
    const n = out.length - before;
    for (let i = before; i < out.length; i++) this.emitted[out[i].type] = (this.emitted[out[i].type] ?? 0) + 1;
    return n;
  }

  private due(last: number, t: number): boolean {
    if (this.intervalUs === 0) return true;
    if (t - last >= this.intervalUs) return true;
    this.skipped.rate_limited++;
    return false;
  }

  private identification(m: ModeSMessage, memo: Memo, icao: string, t: number, out: SkyledgerEvent[]): void {
    const callsign = (m.callsign ?? '').replace(/[_ ]+$/, '');
    if (!CALLSIGN.test(callsign)) {
      this.skipped.bad_callsign++;
      return;
    }
    const category = m.category !== undefined && CATEGORY.test(m.category) ? m.category : null;
    const changed = callsign !== memo.callsign || category !== memo.category;
    if (!changed && t - memo.identT < this.repeatUs) {
      this.skipped.rate_limited++;
      return;
    }
    memo.identT = t;
    memo.callsign = callsign;
    memo.category = category;
    out.push(buildEvent(AIRCRAFT_IDENTIFIED, this.source, icao, t, m.bytes, { icao_address: icao, callsign, emitter_category: category }));
  }

  private squawk(m: ModeSMessage, memo: Memo, icao: string, t: number, out: SkyledgerEvent[], broadcast: boolean): void {
    const squawk = m.squawk as string;
    if (!SQUAWK.test(squawk)) {
      this.skipped.bad_squawk++;
      return;
    }
    // Only an ADS-B emergency/priority status says the emergency; an identity reply only has the code.
    const emergency = broadcast && m.emergency !== undefined && EMERGENCIES.has(m.emergency) ? (m.emergency as EmergencyState) : undefined;
    const changed = squawk !== memo.squawk || (emergency !== undefined && emergency !== memo.emergency);
    if (!changed && t - memo.squawkT < this.repeatUs) {
      this.skipped.rate_limited++;
      return;
    }
    memo.squawkT = t;
    memo.squawk = squawk;
    if (emergency !== undefined) memo.emergency = emergency;
    out.push(buildEvent(SQUAWK_RECEIVED, this.source, icao, t, m.bytes, {
      icao_address: icao, squawk, ...(emergency === undefined ? {} : { emergency }),
    }));
  }

  private position(m: ModeSMessage, memo: Memo, icao: string, t: number, out: SkyledgerEvent[]): void {
    if (m.cpr_format === undefined || m.cpr_lat === undefined || m.cpr_lon === undefined) {
      this.skipped.nothing_to_report++;
      return;
    }
    if (!this.due(memo.positionT, t)) return;
    memo.positionT = t;
    out.push(buildEvent(POSITION_REPORTED, this.source, icao, t, m.bytes, {
      icao_address: icao,
      latitude: m.latitude as number,
      longitude: m.longitude as number,
      altitude: m.altitude ?? null,
      altitude_type: m.altitude_type ?? 'barometric',
      on_ground: m.on_ground ?? false,
      cpr: { format: m.cpr_format, lat: m.cpr_lat, lon: m.cpr_lon },
      decoding: m.position_decoding ?? 'global',
    }));
  }

  private velocity(m: ModeSMessage, memo: Memo, icao: string, t: number, out: SkyledgerEvent[]): void {
    const hasAirspeed = m.airspeed !== undefined && m.airspeed_type !== undefined;
    if (m.ground_speed === undefined && m.heading === undefined && m.vertical_rate === undefined && !hasAirspeed) {
      this.skipped.nothing_to_report++;
      return;
    }
    if (!this.due(memo.velocityT, t)) return;
    memo.velocityT = t;
    out.push(buildEvent(VELOCITY_REPORTED, this.source, icao, t, m.bytes, {
      icao_address: icao,
      ground_speed: m.ground_speed ?? null,
      heading: m.heading ?? null,
      vertical_rate: m.vertical_rate ?? null,
      vertical_rate_source: m.vertical_rate_source ?? 'barometric',
      ...(hasAirspeed ? { airspeed: { type: m.airspeed_type as 'ias' | 'tas', value: m.airspeed as number } } : {}),
    }));
  }

  private altitude(altitude: number, m: ModeSMessage, memo: Memo, icao: string, t: number, out: SkyledgerEvent[]): void {
    if (!this.due(memo.altitudeT, t)) return;
    memo.altitudeT = t;
    out.push(buildEvent(ALTITUDE_REPORTED, this.source, icao, t, m.bytes, { icao_address: icao, altitude }));
  }

  private sweep(t: number): void {
    for (const [icao, memo] of this.memos) if (t - memo.lastHeard > this.forgetUs) this.memos.delete(icao);
    this.nextSweep = t + 60e6;
  }
}
