// Pure projectors: (projection, event) → changes. The SQL that persists them lives in src/store/projections.
export * from './aircraft.ts';
export * from './tracks.ts';
export * from './stats.ts';
export * from './watches.ts';
