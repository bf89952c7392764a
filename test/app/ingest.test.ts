// The ingest's two commit rules: bulk observations wait for their batch of traffic; the frame that
// yields an identity or squawk commits the pending batch at once, in order, and the log's events
// are the same whatever the batch boundaries were.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ingest, type IngestOptions } from '../../src/app/ingest.ts';
import { openStore, type Store } from '../../src/app/open-store.ts';
import { encodeAirbornePosition, encodeIdentification, encodeSurveillanceIdentity, encodeVelocity } from '../../src/modes/encode/index.ts';

const T = Date.UTC(2026, 10, 26, 5, 0, 0);
const dirs: string[] = [];
const stores: Store[] = [];

function rig(options: Partial<IngestOptions> = {}): { store: Store; ingest: Ingest } {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-ingest-'));
  dirs.push(dir);
  const store = openStore(path.join(dir, 'skyledger.db'));
  stores.push(store);
  // Traffic time alone rules the batches (no wall-clock minimum); a receiver position lets a single
  // position frame decode locally.
  return {
    store,
    ingest: new Ingest(store.log, store.runner, { receiver: 'test', ticks: false, minWallMillis: 0, decoder: { receiver: { lat: 50, lon: 8.5 } }, ...options }),
  };
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const position = (icao: number, odd: boolean) => encodeAirbornePosition({ icao, lat: 50.1, lon: 8.6, odd, altitude: 32000 });
const velocity = (icao: number) => encodeVelocity({ icao, groundSpeed: 420, track: 90, verticalRate: 0 });

function types(store: Store): string[] {
  return store.log.readSync({ limit: 100 }).map((e) => `${e.event.type.replace(/^org\.skyledger\.|\.v1$/g, '')} ${e.event.subject}`);
}

describe('ingest commit rules', () => {
  it('keeps bulk observations pending until a batch of traffic has passed', () => {
    const { store, ingest } = rig();
    ingest.frame(velocity(0x4ca7b5), T);
    ingest.frame(velocity(0x3c6444), T + 10);
    expect(store.log.headSync()).toBe(0);
    ingest.frame(velocity(0x400159), T + 150);
    expect(types(store)).toEqual(['velocity_reported 4CA7B5', 'velocity_reported 3C6444']);
  });

  it('commits an identity at once, with everything pending before it, in order', () => {
    const { store, ingest } = rig();
    ingest.frame(velocity(0x4ca7b5), T);
    ingest.frame(position(0x4ca7b5, false), T + 5);
    ingest.frame(encodeIdentification({ icao: 0x3c6444, callsign: 'DLH4AB', category: 'A3' }), T + 10);
    expect(types(store)).toEqual(['velocity_reported 4CA7B5', 'position_reported 4CA7B5', 'aircraft_identified 3C6444']);
    expect(store.runner.lag()).toEqual(Object.fromEntries(Object.keys(store.runner.lag()).map((k) => [k, 0])));
    ingest.frame(velocity(0x3c6444), T + 20);
    ingest.frame(encodeSurveillanceIdentity({ icao: 0x3c6444, squawk: '7700' }), T + 30);
    expect(types(store).slice(3)).toEqual(['velocity_reported 3C6444', 'squawk_received 3C6444']);
    expect(ingest.counts.appends).toBe(2);
  });

  it('a repeated identity the injector drops commits nothing', () => {
    const { store, ingest } = rig();
    ingest.frame(encodeIdentification({ icao: 0x3c6444, callsign: 'DLH4AB', category: 'A3' }), T);
    ingest.frame(velocity(0x3c6444), T + 10);
    ingest.frame(encodeIdentification({ icao: 0x3c6444, callsign: 'DLH4AB', category: 'A3' }), T + 20);
    expect(store.log.headSync()).toBe(1);
  });

  it('without the urgent rule the same frames append the same events in the same order', () => {
    const frames: [Uint8Array, number][] = [
      [velocity(0x4ca7b5), T], [encodeIdentification({ icao: 0x4ca7b5, callsign: 'SKY123', category: 'A3' }), T + 5],
      [position(0x4ca7b5, false), T + 60], [encodeSurveillanceIdentity({ icao: 0x4ca7b5, squawk: '1000' }), T + 70],
      [velocity(0x3c6444), T + 250], [position(0x4ca7b5, true), T + 1300],
    ];
    const logs = [true, false].map((flushAlertWorthy) => {
      const { store, ingest } = rig({ flushAlertWorthy });
      for (const [bytes, at] of frames) ingest.frame(bytes, at);
      ingest.flush();
      return store.log.readSync({ limit: 100 }).map((e) => e.event);
    });
    expect(logs[0].length).toBe(6);
    expect(logs[1]).toEqual(logs[0]);
  });
});
