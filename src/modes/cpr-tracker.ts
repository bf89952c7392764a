// Per-aircraft CPR state: pairs even/odd frames for global decoding, falls back to local
// decoding relative to the aircraft's last position or the receiver, and filters positions by
// range and speed, following dump1090-fa's rules (reference/protocols.md "CPR rules used by
// dump1090-fa"). Time is the frame's own timestamp (seconds), never a clock.
//
// Choices made here that dump1090-fa leaves implicit or that differ from it:
// - An aircraft's last position serves as a local reference for LOCAL_REFERENCE_MAX_AGE_S
//   (180 s) of frame time. Local decoding is unambiguous only while the aircraft stays within half
//   a zone (about 330 km airborne, 83 km surface) of the reference; with the 50 km range limit,
//   a 600 kt aircraft needs far longer than 180 s to alias. An old position (after a coverage gap
//   of hours) is never a reference, so the first fix after a gap must come from a fresh pair.
// - Surface global decoding takes the aircraft's last position as its reference when it is at
//   most SURFACE_REFERENCE_MAX_AGE_S (1 h) old (it only needs to be within 45°), else the
//   receiver.
// - Halves pair only when both are surface or both airborne, and both came the same way (DF17,
//   or DF18 with the same control field: TIS-B and ADS-R relays are separate sources).
// - Unknown time (NaN timestamps): the latest even is paired with the latest odd without a time
//   check, references never age, and the speed check is skipped (it needs elapsed time).
// - A global fix that fails the range or speed check is bad data like an impossible latitude or
//   an NL mismatch: both halves are dropped and aircraft-relative decoding waits for a fresh pair.
// - A global fix that fails the speed check is remembered; if a later global fix built from two
//   different frames (neither CPR half equal to the remembered pair's) agrees with it, the old
//   position was the outlier and the new fix is accepted, so one bad position cannot lock an
//   aircraft out for many minutes. A repeated phantom frame paired twice does not count.
import { decodeAirborneGlobal, decodeLocal, decodeSurfaceGlobal, greatCircleMeters } from './cpr.ts';
import type { CprRejectReason, ModeSMessage } from './message.ts';

export interface CprTrackerOptions {
  receiver?: { lat: number; lon: number };
  /** Receiver range limit in nautical miles (default 300; 0 disables the range check). */
  maxRangeNm?: number;
}

export type CprStatKey = CprRejectReason | 'global_ok' | 'local_ok';

const CPR_REJECT_REASONS = [
  'global_nl_mismatch', 'global_bad_latitude', 'global_range', 'global_speed',
  'local_no_reference', 'local_range', 'local_speed', 'surface_no_reference',
] as const satisfies readonly CprRejectReason[];
// Fails to compile when message.ts gains a reason that is missing above.
const _allReasonsListed: CprRejectReason extends (typeof CPR_REJECT_REASONS)[number] ? true : never = true;

const METERS_PER_NM = 1852;
const KNOTS_TO_MPS = 1852 / 3600;
const AIRBORNE_PAIR_WINDOW_S = 10;
const SURFACE_PAIR_WINDOW_S = 25;
const SLOW_SURFACE_PAIR_WINDOW_S = 50;
const SLOW_SURFACE_KNOTS = 25;
const LOCAL_REFERENCE_MAX_AGE_S = 180;
const SURFACE_REFERENCE_MAX_AGE_S = 3600;
const AIRCRAFT_RELATIVE_RANGE_M = 50e3;
const SPEED_MAX_AGE_S = 60;

const NONE = 0;
const AIRBORNE = 1;
const SURFACE = 2;

const SPEED_GS = 0;
const SPEED_TAS = 1;
const SPEED_IAS = 2;

/** One aircraft's CPR state; created once per aircraft and mutated in place. */
class AircraftCpr {
  lastSeen = Number.NaN;
  evenKind = NONE;
  evenLat = 0;
  evenLon = 0;
  evenTime = Number.NaN;
  evenSource = 0;
  oddKind = NONE;
  oddLat = 0;
  oddLon = 0;
  oddTime = Number.NaN;
  oddSource = 0;
  hasPosition = false;
  lat = 0;
  lon = 0;
  positionTime = Number.NaN;
  /** Aircraft-relative local decoding is allowed only after a good global fix. */
  relativeOk = false;
  hasCandidate = false;
  candidateLat = 0;
  candidateLon = 0;
  candidateTime = Number.NaN;
  candidateEvenLat = 0;
  candidateEvenLon = 0;
  candidateOddLat = 0;
  candidateOddLon = 0;
  speedKnots = Number.NaN;
  speedKind = SPEED_GS;
  speedTime = Number.NaN;
  surfaceSpeedKnots = Number.NaN;
  surfaceSpeedTime = Number.NaN;
}

/** Halves pair only when they come the same way: the transponder (DF17) or one DF18 control field. */
function sourceOf(msg: ModeSMessage): number {
  return msg.df === 18 ? 64 + (msg.cf ?? 0) : msg.df;
}

function isCprTypeCode(tc: number): boolean {
  return (tc >= 5 && tc <= 18) || (tc >= 20 && tc <= 22);
}

/** Elapsed seconds between two frame times; NaN when either is unknown. */
function elapsed(a: number, b: number): number {
  return Math.abs(a - b);
}

/** True when `age` (possibly NaN: unknown time) is within `limit`. */
function young(age: number, limit: number): boolean {
  return !(age > limit);
}

export class CprTracker {
  readonly stats: Record<CprStatKey, number>;
  private readonly aircraft = new Map<number, AircraftCpr>();
  private readonly hasReceiver: boolean;
  private readonly receiverLat: number;
  private readonly receiverLon: number;
  private readonly maxRangeM: number;
  /** Range limit of receiver-relative local decoding in metres; 0 = not possible. */
  private readonly receiverRelativeRangeM: number;
  private readonly out = new Float64Array(2);

  constructor(options: CprTrackerOptions = {}) {
    const stats = { global_ok: 0, local_ok: 0 } as Record<CprStatKey, number>;
    for (const reason of CPR_REJECT_REASONS) stats[reason] = 0;
    this.stats = stats;
    const receiver = options.receiver;
    this.hasReceiver = receiver !== undefined && Number.isFinite(receiver.lat) && Number.isFinite(receiver.lon)
      && Math.abs(receiver.lat) <= 90;
    this.receiverLat = this.hasReceiver ? receiver!.lat : 0;
    this.receiverLon = this.hasReceiver ? receiver!.lon : 0;
    const maxRangeNm = options.maxRangeNm ?? 300;
    this.maxRangeM = maxRangeNm > 0 ? maxRangeNm * METERS_PER_NM : 0;
    // A local decode is unambiguous within half a zone (at least 180 NM airborne). The receiver's
    // reach (maxRange) must fit inside that half-zone around the receiver, or be trimmed so that
    // positions from the next zone out cannot be mistaken for near ones.
    if (!this.hasReceiver || maxRangeNm <= 0) this.receiverRelativeRangeM = 0;
    else if (maxRangeNm <= 180) this.receiverRelativeRangeM = maxRangeNm * METERS_PER_NM;
    else if (maxRangeNm < 360) this.receiverRelativeRangeM = (360 - maxRangeNm) * METERS_PER_NM;
    else this.receiverRelativeRangeM = 0;
  }

  size(): number {
    return this.aircraft.size;
  }

  /** Latest speed for the speed check (TC 19 ground speed / airspeed). */
  noteSpeed(icao: number, timestamp: number, knots: number, kind: 'gs' | 'tas' | 'ias'): void {
    if (!(knots >= 0)) return;
    const a = this.state(icao);
    a.speedKnots = knots;
    a.speedKind = kind === 'gs' ? SPEED_GS : kind === 'tas' ? SPEED_TAS : SPEED_IAS;
    a.speedTime = timestamp;
    if (timestamp === timestamp) a.lastSeen = timestamp;
  }

  /** Forget aircraft not heard for maxIdleSeconds of frame time. Aircraft seen only without time stay. */
  prune(now: number, maxIdleSeconds = 600): void {
    if (now !== now) return;
    for (const [icao, a] of this.aircraft) {
      if (now - a.lastSeen > maxIdleSeconds) this.aircraft.delete(icao);
    }
  }

  resolve(msg: ModeSMessage): void {
    const tc = msg.tc;
    if (tc === undefined || !isCprTypeCode(tc) || msg.cpr_lat === undefined || msg.cpr_lon === undefined
      || msg.cpr_format === undefined || msg.icao < 0) return;
    const surface = tc <= 8;
    const kind = surface ? SURFACE : AIRBORNE;
    const odd = msg.cpr_format === 'odd';
    const t = msg.timestamp;
    const a = this.state(msg.icao);
    if (t === t) a.lastSeen = t;
    if (surface && msg.ground_speed !== undefined) {
      a.surfaceSpeedKnots = msg.ground_speed;
      a.surfaceSpeedTime = t;
    }

    const source = sourceOf(msg);
    if (odd) {
      a.oddKind = kind; a.oddLat = msg.cpr_lat; a.oddLon = msg.cpr_lon; a.oddTime = t; a.oddSource = source;
    } else {
      a.evenKind = kind; a.evenLat = msg.cpr_lat; a.evenLon = msg.cpr_lon; a.evenTime = t; a.evenSource = source;
    }

    const otherKind = odd ? a.evenKind : a.oddKind;
    const otherTime = odd ? a.evenTime : a.oddTime;
    const otherSource = odd ? a.evenSource : a.oddSource;
    if (otherKind === kind && otherSource === source && young(elapsed(t, otherTime), this.pairWindow(a, surface, t))) {
      const reason = this.global(a, msg, surface, odd, t);
      if (reason !== undefined) this.reject(msg, reason);
      return;
    }
    this.local(a, msg, surface, odd, t);
  }

  private state(icao: number): AircraftCpr {
    let a = this.aircraft.get(icao);
    if (a === undefined) {
      a = new AircraftCpr();
      this.aircraft.set(icao, a);
    }
    return a;
  }

  private pairWindow(a: AircraftCpr, surface: boolean, t: number): number {
    if (!surface) return AIRBORNE_PAIR_WINDOW_S;
    const gs = this.surfaceSpeed(a, t);
    return gs === gs && gs <= SLOW_SURFACE_KNOTS ? SLOW_SURFACE_PAIR_WINDOW_S : SURFACE_PAIR_WINDOW_S;
  }

  private surfaceSpeed(a: AircraftCpr, t: number): number {
    if (a.surfaceSpeedKnots === a.surfaceSpeedKnots && young(elapsed(t, a.surfaceSpeedTime), SPEED_MAX_AGE_S)) {
      return a.surfaceSpeedKnots;
    }
    if (a.speedKind === SPEED_GS && a.speedKnots === a.speedKnots && young(elapsed(t, a.speedTime), SPEED_MAX_AGE_S)) {
      return a.speedKnots;
    }
    return Number.NaN;
  }

  private global(a: AircraftCpr, msg: ModeSMessage, surface: boolean, odd: boolean, t: number): CprRejectReason | undefined {
    const out = this.out;
    let reason: CprRejectReason | undefined;
    if (surface) {
      let refLat: number;
      let refLon: number;
      if (a.hasPosition && young(elapsed(t, a.positionTime), SURFACE_REFERENCE_MAX_AGE_S)) {
        refLat = a.lat; refLon = a.lon;
      } else if (this.hasReceiver) {
        refLat = this.receiverLat; refLon = this.receiverLon;
      } else {
        return 'surface_no_reference';
      }
      reason = decodeSurfaceGlobal(refLat, refLon, a.evenLat, a.evenLon, a.oddLat, a.oddLon, odd, out);
    } else {
      reason = decodeAirborneGlobal(a.evenLat, a.evenLon, a.oddLat, a.oddLon, odd, out);
    }
    if (reason === undefined && !this.inReceiverRange(out[0], out[1])) reason = 'global_range';
    if (reason === undefined && !this.plausibleMove(a, out[0], out[1], t, surface)) {
      const independent = a.hasCandidate
        && (a.evenLat !== a.candidateEvenLat || a.evenLon !== a.candidateEvenLon)
        && (a.oddLat !== a.candidateOddLat || a.oddLon !== a.candidateOddLon);
      if (!independent || !this.withinSpeed(a, a.candidateLat, a.candidateLon, a.candidateTime, out[0], out[1], t, surface)) {
        a.hasCandidate = true;
        a.candidateLat = out[0]; a.candidateLon = out[1]; a.candidateTime = t;
        a.candidateEvenLat = a.evenLat; a.candidateEvenLon = a.evenLon;
        a.candidateOddLat = a.oddLat; a.candidateOddLon = a.oddLon;
        reason = 'global_speed';
      }
      // else: two agreeing fixes from independent frames against one old position: the old
      // position was wrong, so the new fix stands.
    }
    if (reason !== undefined) {
      // Bad data: neither half can be trusted for a new pair, and the aircraft's position must
      // not seed local decodes until a fresh pair confirms it.
      a.evenKind = NONE;
      a.oddKind = NONE;
      a.relativeOk = false;
      return reason;
    }
    this.accept(a, msg, t, 'global');
    a.relativeOk = true;
    return undefined;
  }

  private local(a: AircraftCpr, msg: ModeSMessage, surface: boolean, odd: boolean, t: number): void {
    const out = this.out;
    let refLat: number;
    let refLon: number;
    let limitM: number;
    if (a.hasPosition && a.relativeOk && young(elapsed(t, a.positionTime), LOCAL_REFERENCE_MAX_AGE_S)) {
      refLat = a.lat; refLon = a.lon; limitM = AIRCRAFT_RELATIVE_RANGE_M;
    } else if (!surface && this.receiverRelativeRangeM > 0) {
      refLat = this.receiverLat; refLon = this.receiverLon; limitM = this.receiverRelativeRangeM;
    } else {
      this.reject(msg, surface && !this.hasReceiver && !a.hasPosition ? 'surface_no_reference' : 'local_no_reference');
      return;
    }
    decodeLocal(refLat, refLon, msg.cpr_lat!, msg.cpr_lon!, odd, surface, out);
    const lat = out[0];
    const lon = out[1];
    if (!(lat >= -90 && lat <= 90) || greatCircleMeters(refLat, refLon, lat, lon) > limitM
      || !this.inReceiverRange(lat, lon)) {
      this.reject(msg, 'local_range');
      return;
    }
    if (!this.plausibleMove(a, lat, lon, t, surface)) {
      this.reject(msg, 'local_speed');
      return;
    }
    this.accept(a, msg, t, 'local');
  }

  private accept(a: AircraftCpr, msg: ModeSMessage, t: number, decoding: 'global' | 'local'): void {
    const lat = this.out[0];
    const lon = this.out[1];
    a.hasPosition = true;
    a.lat = lat;
    a.lon = lon;
    a.positionTime = t;
    a.hasCandidate = false;
    msg.latitude = lat;
    msg.longitude = lon;
    msg.position_decoding = decoding;
    msg.cpr_reject = undefined;
    if (decoding === 'global') this.stats.global_ok++;
    else this.stats.local_ok++;
  }

  private reject(msg: ModeSMessage, reason: CprRejectReason): void {
    msg.cpr_reject = reason;
    this.stats[reason]++;
  }

  private inReceiverRange(lat: number, lon: number): boolean {
    if (!this.hasReceiver || this.maxRangeM === 0) return true;
    return greatCircleMeters(this.receiverLat, this.receiverLon, lat, lon) <= this.maxRangeM;
  }

  /** Speed check against the last accepted position (skipped without one or without time). */
  private plausibleMove(a: AircraftCpr, lat: number, lon: number, t: number, surface: boolean): boolean {
    if (!a.hasPosition) return true;
    return this.withinSpeed(a, a.lat, a.lon, a.positionTime, lat, lon, t, surface);
  }

  private withinSpeed(
    a: AircraftCpr, fromLat: number, fromLon: number, fromTime: number, lat: number, lon: number, t: number, surface: boolean,
  ): boolean {
    const dt = elapsed(t, fromTime);
    if (dt !== dt) return true;
    let knots: number;
    if (surface) {
      knots = this.surfaceSpeed(a, t);
      if (knots !== knots) knots = 100;
      knots = knots < 20 ? 20 : knots > 150 ? 150 : knots;
    } else {
      knots = 600;
      if (a.speedKnots === a.speedKnots && young(elapsed(t, a.speedTime), SPEED_MAX_AGE_S)) {
        knots = a.speedKind === SPEED_GS ? a.speedKnots : a.speedKind === SPEED_TAS ? (a.speedKnots * 4) / 3 : a.speedKnots * 2;
      }
      if (knots < 200) knots = 200;
    }
    const allowedM = (surface ? 100 : 500) + ((dt + 1) * 4 / 3) * knots * KNOTS_TO_MPS;
    return greatCircleMeters(fromLat, fromLon, lat, lon) <= allowedM;
  }
}
