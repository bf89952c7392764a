// given(projection, ...history).when(...events).then(queries => expectations): the events go
// through a real log and the real runner on an in-memory database, twice — one event per page and
// one page for everything — and the two resulting projections must be identical before `then` runs.
import { expect } from 'vitest';
import type { SkyledgerEvent } from '../../src/events/index.ts';
import { openDatabase, ProjectionRunner, SqliteEventLog, type ProjectionTables, type SqliteDatabase } from '../../src/store/index.ts';

export interface ProjectionUnderTest<Q> {
  make(db: SqliteDatabase): ProjectionTables;
  queries(db: SqliteDatabase): Q;
}

function project<Q>(p: ProjectionUnderTest<Q>, events: SkyledgerEvent[], pageSize: number): { dump: string; queries: Q } {
  const log = new SqliteEventLog(openDatabase(':memory:'));
  const tables = p.make(log.db);
  const runner = new ProjectionRunner(log, [tables], { pageSize });
  log.appendSync(events);
  runner.catchUp();
  return { dump: tables.dump(), queries: p.queries(log.db) };
}

export function given<Q>(projection: ProjectionUnderTest<Q>, ...history: SkyledgerEvent[]) {
  return {
    when(...events: SkyledgerEvent[]) {
      return {
        then(check: (queries: Q) => void): void {
          const all = [...history, ...events];
          const eventByEvent = project(projection, all, 1);
          const oneGo = project(projection, all, 10_000);
          expect(eventByEvent.dump).toBe(oneGo.dump);
          check(oneGo.queries);
        },
      };
    },
  };
}
