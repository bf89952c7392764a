// What the aircraft table shows: one filter box matching callsign, ICAO address or squawk, and a
// sort on any column with emergencies always first (a hijack squawk must not hide on page two).
import { isEmergency, type PageAircraft } from './aircraft-book.ts';

export type SortKey = 'callsign' | 'icao' | 'squawk' | 'altitude' | 'ground_speed' | 'heading' | 'distance' | 'last_seen';
export type SortDirection = 'asc' | 'desc';

export interface TableRow {
  aircraft: PageAircraft;
  /** Nautical miles from the receiver, when both are known. */
  distance: number | null;
  emergency: boolean;
}

export function matchesFilter(a: PageAircraft, text: string): boolean {
  const q = text.trim().toUpperCase();
  if (q === '') return true;
  return (a.callsign ?? '').toUpperCase().includes(q) || a.icao.includes(q) || (a.squawk ?? '').startsWith(q);
}

function valueOf(r: TableRow, key: SortKey): string | number | null {
  switch (key) {
    case 'distance':
      return r.distance;
    case 'callsign':
      return r.aircraft.callsign;
    case 'last_seen':
      return r.aircraft.last_seen;
    default:
      return r.aircraft[key];
  }
}

/** Sorted copy: emergencies first, then by key; missing values last in either direction. */
export function sortRows(rows: readonly TableRow[], key: SortKey, direction: SortDirection): TableRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((x, y) => {
    if (x.emergency !== y.emergency) return x.emergency ? -1 : 1;
    const a = valueOf(x, key);
    const b = valueOf(y, key);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else if (a !== b) {
      const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
      if (c !== 0) return sign * c;
    }
    return x.aircraft.icao.localeCompare(y.aircraft.icao);
  });
}

export function tableRows(
  aircraft: Iterable<PageAircraft>, filter: string, key: SortKey, direction: SortDirection,
  distance: (a: PageAircraft) => number | null,
): TableRow[] {
  const rows: TableRow[] = [];
  for (const a of aircraft) {
    if (matchesFilter(a, filter)) rows.push({ aircraft: a, distance: distance(a), emergency: isEmergency(a) });
  }
  return sortRows(rows, key, direction);
}

/** Clicking the sorted column flips it; another column starts in its natural direction. */
export function nextSort(current: { key: SortKey; direction: SortDirection }, clicked: SortKey): { key: SortKey; direction: SortDirection } {
  if (current.key === clicked) return { key: clicked, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const descFirst: SortKey[] = ['altitude', 'ground_speed', 'last_seen'];
  return { key: clicked, direction: descFirst.includes(clicked) ? 'desc' : 'asc' };
}
