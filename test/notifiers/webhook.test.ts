// The webhook gateway against real HTTP receivers on loopback: final 4xx, bounded retries, an
// unreachable URL, and a restart that resumes from its checkpoint without resending.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookGateway } from '../../src/notifiers/webhook.ts';
import { frames, until, watchRig, webhookReceiver, type WatchRig } from '../app/watch-harness.ts';

const T = Date.parse('2026-11-26T04:00:00Z');
const NOW = '2026-11-26T03:59:00.000000Z';

let rig: WatchRig | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const c of closers.splice(0)) await c();
});

async function spot(r: WatchRig, icao: number, callsign = 'SKY123', ms = 0): Promise<void> {
  r.ingest.frame(frames.identification(icao, callsign), T + ms);
  r.ingest.flush();
  await r.runner.whenProcessed(r.store.log.headSync());
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('webhook gateway', () => {
  it('a final 4xx is not retried; 5xx are retried up to the bound, then counted as failed', async () => {
    const r = (rig = watchRig());
    const gone = await webhookReceiver([404]);
    const broken = await webhookReceiver([500, 503, 500, 500, 500, 500, 500]);
    closers.push(gone.close, broken.close);
    await r.watches.start('alice', { callsign: 'SKY123', webhook: gone.url }, NOW);
    await r.watches.start('bob', { callsign: 'SKY123', webhook: broken.url }, NOW);
    await spot(r, 0x4ca7b5);
    await until(() => r.gateway.counts.failed === 2, 5000, 'both deliveries to end');
    expect(gone.received.map((x) => x.status)).toEqual([404]);
    expect(broken.received.map((x) => x.status)).toEqual([500, 503, 500, 500, 500]);
    expect(broken.received.map((x) => x.headers['x-skyledger-attempt'])).toEqual(['1', '2', '3', '4', '5']);
    expect(r.gateway.counts).toMatchObject({ delivered: 0, failed: 2, retried: 4, requests: 6 });
  });

  it('an unreachable receiver costs retries and a count, never a crash; other watches are still served', async () => {
    const r = (rig = watchRig());
    const ok = await webhookReceiver();
    closers.push(ok.close);
    await r.watches.start('alice', { callsign: 'SKY123', webhook: `http://127.0.0.1:${await closedPort()}/hook` }, NOW);
    await r.watches.start('bob', { callsign: 'SKY123', webhook: ok.url }, NOW);
    await spot(r, 0x4ca7b5);
    await until(() => r.gateway.counts.failed === 1 && r.gateway.counts.delivered === 1, 5000, 'one failure and one delivery');
    expect(ok.received).toHaveLength(1);
  });

  it('after a restart it resumes from its checkpoint: delivered alerts are not sent again, new ones are', async () => {
    const r = (rig = watchRig());
    const hook = await webhookReceiver();
    closers.push(hook.close);
    await r.watches.start('alice', { callsign: 'SKY123', webhook: hook.url }, NOW);
    await spot(r, 0x4ca7b5);
    await until(() => r.gateway.counts.delivered === 1, 5000, 'the first delivery');
    await r.gateway.close();

    const again = new WebhookGateway({ log: r.store.log, personal: r.personal, baseDelayMs: 10 });
    closers.push(() => again.close());
    again.start();
    await spot(r, 0x3c6444, 'SKY123', 1000);
    await until(() => again.counts.delivered === 1, 5000, 'the second delivery');
    await again.settled();
    expect(hook.received.map((x) => JSON.parse(x.body).data.icao)).toEqual(['4CA7B5', '3C6444']);
  });
});
