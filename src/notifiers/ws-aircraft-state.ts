// What the WebSocket hub needs to know about an aircraft to filter its events (callsign, squawk,
// last position), learned from the events it pushes. An aircraft it has not seen yet is looked up
// once in the aircraft projection (a notifier may read projections when it must). Entries go when
// a cleanup tick says they are stale, so the map stays as small as the live traffic.
import { parseMicros, type SkyledgerEvent } from '../events/index.ts';
import type { AircraftView } from '../api/aircraft-filter.ts';

interface Entry extends AircraftView {
  lastUs: number;
}

export type AircraftLookup = (icao: string) => AircraftView | undefined;

const HARD_LIMIT = 100_000;

export class WsAircraftState {
  private readonly known = new Map<string, Entry>();

  constructor(private readonly lookup: AircraftLookup = () => undefined) {}

  get size(): number {
    return this.known.size;
  }

  /** The aircraft an observation event is about, with this event's own fields applied. */
  viewOf(e: SkyledgerEvent): AircraftView | undefined {
    const icao = e.subject;
    if (icao === undefined || e.type === 'org.skyledger.cleanup_interval_passed.v1') return undefined;
    const base = this.entry(icao);
    switch (e.type) {
      case 'org.skyledger.aircraft_identified.v1':
        return { ...base, callsign: e.data.callsign.trim() };
      case 'org.skyledger.squawk_received.v1':
        return { ...base, squawk: e.data.squawk };
      case 'org.skyledger.position_reported.v1':
        return { ...base, latitude: e.data.latitude, longitude: e.data.longitude };
      default:
        return base;
    }
  }

  /** Learns from a live event (in log order). */
  observe(e: SkyledgerEvent): void {
    if (e.type === 'org.skyledger.cleanup_interval_passed.v1') {
      const before = parseMicros(e.time) - e.data.max_age_seconds * 1e6;
      for (const [icao, entry] of this.known) if (entry.lastUs < before) this.known.delete(icao);
      return;
    }
    const icao = e.subject;
    if (icao === undefined || !/^[0-9A-F]{6}$/.test(icao)) return;
    const entry = this.entry(icao);
    const t = parseMicros(e.time);
    if (t > entry.lastUs) entry.lastUs = t;
    switch (e.type) {
      case 'org.skyledger.aircraft_identified.v1':
        entry.callsign = e.data.callsign.trim();
        break;
      case 'org.skyledger.squawk_received.v1':
        entry.squawk = e.data.squawk;
        break;
      case 'org.skyledger.position_reported.v1':
        entry.latitude = e.data.latitude;
        entry.longitude = e.data.longitude;
        break;
    }
  }

  private entry(icao: string): Entry {
    let entry = this.known.get(icao);
    if (entry === undefined) {
      const found = this.lookup(icao);
      entry = {
        icao, callsign: found?.callsign ?? null, squawk: found?.squawk ?? null,
        latitude: found?.latitude ?? null, longitude: found?.longitude ?? null, lastUs: -Infinity,
      };
      // Without cleanup ticks (a replay without them) the map must still not grow forever.
      if (this.known.size >= HARD_LIMIT) this.known.clear();
      this.known.set(icao, entry);
    }
    return entry;
  }
}
