// The event log and the SQLite plumbing under the projections.
export type { AppendResult, EventLog, LoggedEvent, ReadOptions, SubscribeOptions } from './event-log.ts';
export { UnstorableEventError } from './event-log.ts';
export { DEFAULT_DB_PATH, openDatabase, type SqliteDatabase } from './open-database.ts';
export { SqliteEventLog, EVENT_LOG_TABLES } from './sqlite-event-log.ts';
export { ProjectionRunner, RUNNER_TABLES, type CatchUpProgress, type RunnerOptions } from './projection-runner.ts';
export * from './projections/index.ts';
export { standardProjections, PROJECTION_NAMES } from './standard-projections.ts';
