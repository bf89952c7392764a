// The projections' SQL sides and read-side queries.
export { AircraftQueries, AircraftTables } from './aircraft-tables.ts';
export { TrackQueries, TrackTables } from './track-tables.ts';
export { StatsQueries, StatsTables, type EventCount } from './stats-tables.ts';
export { StatementBook, dumpTables, type ProjectionTables } from './projection-tables.ts';
export { WatchQueries, WatchTables } from './watch-tables.ts';
