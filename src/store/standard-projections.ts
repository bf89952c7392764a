// The projections every skyledger database carries, in the order the runner applies them.
import type { SqliteDatabase } from './open-database.ts';
import { AircraftTables } from './projections/aircraft-tables.ts';
import type { ProjectionTables } from './projections/projection-tables.ts';
import { StatsTables } from './projections/stats-tables.ts';
import { TrackTables } from './projections/track-tables.ts';
import { WatchTables } from './projections/watch-tables.ts';

export const PROJECTION_NAMES = ['aircraft', 'tracks', 'stats', 'watches'] as const;

export function standardProjections(db: SqliteDatabase, options: { trackLimit?: number } = {}): ProjectionTables[] {
  return [new AircraftTables(db), new TrackTables(db, options.trackLimit), new StatsTables(db), new WatchTables(db)];
}
