import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POSITION_REPORTED, structuredJson, type SkyledgerEvent } from '../../src/events/index.ts';
import { openDatabase, SqliteEventLog } from '../../src/store/index.ts';
import { altitude, cleanupTick, identified, position, squawk, velocity } from '../events/builders.ts';

const dirs: string[] = [];
function freshLog(): SqliteEventLog {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-log-'));
  dirs.push(dir);
  return new SqliteEventLog(openDatabase(path.join(dir, 'log.db')));
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function everyKind(): SkyledgerEvent[] {
  return [
    identified('4CAAAE', 'SDM6414', 0),
    identified('400159', 'SDM6244', 0.5, null),
    squawk('4CAAAE', '7700', 1, 'general'),
    squawk('400159', '0112', 1.5),
    position('4CAAAE', 59.73459, 31.99796, 2, 35000),
    position('400159', -33.5, -70.25, 2.5, null),
    velocity('4CAAAE', 451.3, 183.2, -832, 3),
    velocity('400159', null, 243.98, null, 3.5, { type: 'tas', value: 375 }),
    altitude('4CAAAE', 34975, 4),
    cleanupTick(60, 300),
  ];
}

describe('SqliteEventLog', () => {
  it('given every event kind appended, when read back, then each envelope equals what went in, byte for byte', async () => {
    const log = freshLog();
    const events = everyKind();
    const result = await log.append(events);
    expect(result).toMatchObject({ appended: events.length, skipped: 0 });
    expect(result.positions).toEqual(events.map((_, i) => i + 1));
    const back = await log.read({ after: 0, limit: 100 });
    expect(back.map((e) => e.position)).toEqual(result.positions);
    expect(back.map((e) => structuredJson(e.event))).toEqual(events.map(structuredJson));
    expect(back.map((e) => e.event)).toEqual(events);
  });

  it('given data a packed layout cannot hold exactly, then it is kept as JSON and still comes back equal', async () => {
    const log = freshLog();
    const odd = position('4CAAAE', 59.7, 31.9, 0);
    (odd.data as { altitude: number }).altitude = 35000.5;
    await log.append([odd]);
    expect((await log.read())[0].event).toEqual(odd);
  });

  it('given a batch appended twice, then the second append skips every event and reports the same positions', async () => {
    const log = freshLog();
    const events = everyKind();
    const first = await log.append(events);
    const second = await log.append([...events, position('71BE34', 59.9, 30.1, 9)]);
    expect(second.appended).toBe(1);
    expect(second.skipped).toBe(events.length);
    expect(second.positions.slice(0, events.length)).toEqual(first.positions);
    expect(await log.head()).toBe(events.length + 1);
  });

  it('reads after a position, by type, by subject, and with a limit', async () => {
    const log = freshLog();
    await log.append(everyKind());
    expect((await log.read({ after: 8 })).map((e) => e.position)).toEqual([9, 10]);
    expect((await log.read({ limit: 3 })).map((e) => e.position)).toEqual([1, 2, 3]);
    expect((await log.read({ types: [POSITION_REPORTED] })).map((e) => e.event.subject)).toEqual(['4CAAAE', '400159']);
    expect((await log.read({ subject: '400159' })).map((e) => e.position)).toEqual([2, 4, 6, 8]);
    expect(await log.read({ subject: 'ABCDEF' })).toEqual([]);
    expect(await log.read({ types: ['org.skyledger.nothing.v1'] })).toEqual([]);
  });

  it('rejects UPDATE and DELETE on the log (events are immutable)', async () => {
    const log = freshLog();
    await log.append(everyKind());
    expect(() => log.db.prepare('UPDATE events SET time = 0 WHERE position = 1').run()).toThrow(/immutable/);
    expect(() => log.db.prepare('DELETE FROM events WHERE position = 1').run()).toThrow(/immutable/);
    expect(await log.head()).toBe(10);
  });

  it('appends a batch atomically: an unstorable event leaves nothing behind', async () => {
    const log = freshLog();
    const bad = { ...position('4CAAAE', 1, 2, 0), time: '2018-04-03T19:02:28Z' };
    await expect(log.append([identified('4CAAAE', 'X', 0), bad])).rejects.toThrow(/time/);
    expect(await log.head()).toBe(0);
    await log.append([identified('4CAAAE', 'Y', 0)]);
    expect((await log.read())[0].event.source).toBe('/receivers/test');
  });

  it('rejects an id that is not a canonical lower-case UUID, and appends nothing of its batch', async () => {
    const log = freshLog();
    const good = identified('4CAAAE', 'X', 0);
    for (const id of [good.id.toUpperCase(), good.id.replaceAll('-', ''), `${good.id.slice(0, 35)}g`, `${good.id.slice(0, 35)}\u0130`]) {
      await expect(log.append([good, { ...position('4CAAAE', 1, 2, 0), id }])).rejects.toThrow(/UUID/);
    }
    expect(await log.head()).toBe(0);
  });

  it('given subjects that are not ICAO addresses, then they come back as they went in and can be read by', async () => {
    const log = freshLog();
    const watch = { ...cleanupTick(60, 300), subject: 'watch-1' };
    const lower = { ...cleanupTick(61, 300), subject: '4caaae' };
    const aircraft = identified('4CAAAE', 'X', 0);
    await log.append([aircraft, watch, lower]);
    expect((await log.read()).map((e) => e.event)).toEqual([aircraft, watch, lower]);
    expect((await log.read({ subject: 'watch-1' })).map((e) => e.position)).toEqual([2]);
    expect((await log.read({ subject: '4caaae' })).map((e) => e.position)).toEqual([3]);
    expect((await log.read({ subject: '4CAAAE' })).map((e) => e.position)).toEqual([1]);
  });

  it('given a subscriber, then it catches up and then receives live appends in order', async () => {
    const log = freshLog();
    await log.append(everyKind().slice(0, 4));
    const controller = new AbortController();
    const seen: number[] = [];
    const done = (async () => {
      for await (const e of log.subscribe({ after: 1, signal: controller.signal })) {
        seen.push(e.position);
        if (e.position === 10) controller.abort();
      }
    })();
    await log.append(everyKind().slice(4));
    await done;
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('sees appends made through another connection to the same file', async () => {
    const writer = freshLog();
    const reader = new SqliteEventLog(openDatabase(writer.db.name));
    const iterator = reader.subscribe({ types: [POSITION_REPORTED] });
    const next = iterator.next();
    await writer.append(everyKind());
    expect((await next).value.event.subject).toBe('4CAAAE');
    await iterator.return?.();
  });
});
