// Aggregates: pure deciders for what users ask for.
export { decide, evolve, noWatches, userSource, MAX_ACTIVE_WATCHES, type StartWatch, type StopWatch, type UserWatches, type WatchCommand } from './watch.ts';
export { parseWatchBody, MAX_RADIUS_NM, MAX_LABEL_LENGTH, MAX_URL_LENGTH, type WatchBody } from './watch-body.ts';
