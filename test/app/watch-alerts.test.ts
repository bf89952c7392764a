import { afterEach, describe, expect, it } from 'vitest';
import { WatchProcessRunner } from '../../src/app/watch-process-runner.ts';
import { buildEvent, CLEANUP_INTERVAL_PASSED, FLIGHT_SPOTTED, receiverSource, WATCH_STARTED, type SkyledgerEvent } from '../../src/events/index.ts';
import { openField, UserKeys } from '../../src/security/index.ts';
import { frames, until, watchRig, webhookReceiver, type WatchRig } from './watch-harness.ts';

const T = Date.parse('2026-11-26T04:00:00Z');
const NOW = '2026-11-26T03:59:00.000000Z';

let rig: WatchRig | undefined;
const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const r of receivers.splice(0)) await r.close();
});

function alerts(r: WatchRig): SkyledgerEvent[] {
  return r.store.log.readSync({ types: [FLIGHT_SPOTTED, 'org.skyledger.flight_lost.v1'], limit: 10_000 }).map((l) => l.event);
}

/** A rig whose emergency watch has spotted 3C6444 squawking 7700, the runner caught up. */
async function emergencySpotted(): Promise<WatchRig> {
  const r = (rig = watchRig());
  await r.watches.start('bob', { emergency: true }, NOW);
  r.ingest.frame(frames.identification(0x3c6444, 'DLH4AB'), T);
  r.ingest.frame(frames.df5(0x3c6444, '7700'), T + 200);
  r.ingest.flush();
  await r.runner.whenProcessed(r.store.log.headSync());
  return r;
}

describe('watches over a real log (temp-file SQLite)', () => {
  it('a callsign watch and an emergency watch fire on frames (DF5 squawk 7700, TC28 emergency field); the webhook gets the alert after a retried 500', async () => {
    const r = (rig = watchRig());
    const hook = await webhookReceiver([500]);
    receivers.push(hook);
    const callsignWatch = await r.watches.start('alice', { callsign: 'SKY123', webhook: hook.url, label: 'test flight' }, NOW);
    const emergencyWatch = await r.watches.start('bob', { emergency: true }, NOW);

    r.ingest.frame(frames.identification(0x4ca7b5, 'SKY123'), T);
    r.ingest.frame(frames.identification(0x3c6444, 'DLH4AB'), T + 100);
    r.ingest.frame(frames.df5(0x3c6444, '7700'), T + 200);
    r.ingest.frame(frames.tc28(0x400159, 'lifeguard', '2000'), T + 300);
    r.ingest.frame(frames.df5(0x4ca7b5, '1000'), T + 400);
    r.ingest.frame(frames.tc28(0x4b1814, 'general', '7700'), T + 500);
    r.ingest.frame(frames.tc28(0x4b1815, 'none', '1200'), T + 600);
    r.ingest.flush();
    await r.runner.whenProcessed(r.store.log.headSync());

    const spotted = alerts(r) as Extract<SkyledgerEvent, { type: typeof FLIGHT_SPOTTED }>[];
    expect(spotted.filter((e) => e.subject === callsignWatch.id).map((e) => e.data)).toEqual([
      expect.objectContaining({ watch_id: callsignWatch.id, user_id: 'alice', icao: '4CA7B5', callsign: 'SKY123' }),
    ]);
    expect(spotted.filter((e) => e.subject === emergencyWatch.id).map((e) => [e.data.icao, e.data.squawk, e.data.emergency])).toEqual([
      ['3C6444', '7700', null],
      ['400159', '2000', 'lifeguard'],
      ['4B1814', '7700', 'general'],
    ]);
    expect(spotted.find((e) => e.data.icao === '3C6444')!.data.callsign).toBe('DLH4AB');

    await until(() => hook.received.length >= 2, 5000, 'the webhook retry');
    await r.gateway.settled();
    expect(hook.received.map((x) => x.status)).toEqual([500, 200]);
    const body = JSON.parse(hook.received[1].body);
    expect(hook.received[1].headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(body).toMatchObject({ specversion: '1.0', type: FLIGHT_SPOTTED, subject: callsignWatch.id, data: { icao: '4CA7B5', callsign: 'SKY123' } });
    expect(typeof body.position).toBe('number');
    expect(r.gateway.counts).toMatchObject({ delivered: 1, retried: 1, failed: 0 });

    const [listed] = await r.watches.list('alice');
    expect(listed).toMatchObject({ id: callsignWatch.id, match: { callsign: 'SKY123' }, webhook: hook.url, label: 'test flight', status: 'active', spotted: 1 });
    expect(await r.watches.list('carol')).toEqual([]);
  });

  it('re-running the process manager over the whole log appends nothing new', async () => {
    const r = await emergencySpotted();
    const head = r.store.log.headSync();
    expect(alerts(r)).toHaveLength(1);
    const again = new WatchProcessRunner(r.store.log, { name: 'fresh' });
    again.start();
    await again.whenProcessed(head);
    await again.close();
    expect(again.counts.commands).toBe(1);
    expect(r.store.log.headSync()).toBe(head);
  });

  it('a restarted runner rebuilds its instances from the events: a spotted aircraft is not spotted again, and is lost at the next tick', async () => {
    const r = await emergencySpotted();
    await r.runner.close();

    const restarted = new WatchProcessRunner(r.store.log);
    restarted.start();
    r.ingest.frame(frames.df5(0x3c6444, '7700'), T + 5000);
    r.ingest.flush();
    r.store.log.appendSync([buildEvent(CLEANUP_INTERVAL_PASSED, receiverSource('test'), undefined, (T + 400_000) * 1000, null, { max_age_seconds: 300 })]);
    await restarted.whenProcessed(r.store.log.headSync());
    await restarted.close();
    expect(alerts(r).map((e) => [e.type, (e.data as { icao: string }).icao])).toEqual([
      ['org.skyledger.flight_spotted.v1', '3C6444'],
      ['org.skyledger.flight_lost.v1', '3C6444'],
    ]);
    expect(restarted.counts.commands).toBe(1);
  });

  it('a runner started on a log without watches starts at the head, not at the beginning', async () => {
    const r = (rig = watchRig());
    for (let i = 0; i < 50; i++) r.ingest.frame(frames.identification(0x400000 + i, 'NOBODY'), T + i);
    r.ingest.flush();
    const fresh = new WatchProcessRunner(r.store.log, { name: 'late' });
    fresh.start();
    await fresh.whenProcessed(r.store.log.headSync());
    await fresh.close();
    expect(fresh.counts.events).toBe(0);
  });

  it('a stopped watch is silent; stopping another user\'s watch is NotFound', async () => {
    const r = (rig = watchRig());
    const w = await r.watches.start('alice', { squawk: '7700' }, NOW);
    await expect(r.watches.stop('bob', w.id, NOW)).rejects.toMatchObject({ name: 'NotFoundError' });
    await r.watches.stop('alice', w.id, NOW);
    r.ingest.frame(frames.identification(0x3c6444, 'DLH4AB'), T);
    r.ingest.frame(frames.df5(0x3c6444, '7700'), T + 200);
    r.ingest.flush();
    await r.runner.whenProcessed(r.store.log.headSync());
    expect(alerts(r)).toEqual([]);
    expect(await r.watches.list('alice')).toEqual([expect.objectContaining({ id: w.id, status: 'stopped' })]);
  });

  it('after forget, the stored URL cannot be read anywhere (decrypt fails, the API shows it redacted, the webhook is not called) while the events remain', async () => {
    const r = (rig = watchRig());
    const hook = await webhookReceiver();
    receivers.push(hook);
    const w = await r.watches.start('alice', { callsign: 'SKY123', webhook: hook.url }, NOW);
    const started = r.store.log.readSync({ types: [WATCH_STARTED] })[0].event as Extract<SkyledgerEvent, { type: typeof WATCH_STARTED }>;
    const key = new UserKeys(r.store.db).find('alice')!.key;
    expect(openField(started.data.webhook!, key, `alice\n${w.id}`)).toBe(hook.url);
    const head = r.store.log.headSync();

    expect(r.personal.forget('alice')).toBe(1);
    expect(r.store.log.headSync()).toBe(head);
    const still = r.store.log.readSync({ types: [WATCH_STARTED] })[0].event;
    expect(still).toEqual(started);
    expect(new UserKeys(r.store.db).find('alice')).toBeUndefined();
    expect(await r.watches.list('alice')).toEqual([expect.objectContaining({ id: w.id, webhook: '[redacted]', match: { callsign: 'SKY123' } })]);

    r.ingest.frame(frames.identification(0x4ca7b5, 'SKY123'), T);
    r.ingest.flush();
    await r.runner.whenProcessed(r.store.log.headSync());
    expect(alerts(r)).toHaveLength(1);
    await until(() => r.gateway.counts.unreadable === 1, 5000, 'the gateway to skip the unreadable URL');
    expect(hook.received).toEqual([]);
    expect(JSON.stringify(r.store.log.readSync({ limit: 1000 }))).not.toContain('127.0.0.1');
  });
});
