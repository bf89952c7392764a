// CPR throughput on the 1,498 position frames of the real beastblackbox capture. Peers, measured
// in the same run on the same inputs: a textbook implementation (NL from the closed-form acos
// formula on every call, a fresh result object per decode — the way the formulas are usually
// written down), and for the tracker a bare "last even + last odd per aircraft" pairer on that
// textbook decode with none of the checks. Median of repeated runs after a warm-up.
import { cprNL, decodeAirborneGlobal } from '../src/modes/cpr.ts';
import { CprTracker } from '../src/modes/cpr-tracker.ts';
import { createMessage, type ModeSMessage } from '../src/modes/message.ts';
import { figure, type BenchFigure } from './runner.ts';
import { median, readJsonl, upstreamPath } from './upstream.ts';

const CORPUS = upstreamPath('derived/denzen84__beastblackbox/beast_decoded_dump1090.jsonl');

const WARMUP = 3;
const REPEATS = 11;
const PASSES = 40;

interface Frame { icao: number; t: number; odd: boolean; lat: number; lon: number; tc: number }

function loadFrames(): Frame[] {
  const frames: Frame[] = [];
  for (const r of readJsonl<{ raw: string; time_us: number; norm?: { cpr_lat_raw?: number; cpr_lon_raw?: number; cpr_format?: number } }>(CORPUS)) {
    if (r.norm?.cpr_lat_raw === undefined) continue;
    frames.push({
      icao: parseInt(r.raw.slice(2, 8), 16), t: r.time_us / 1e6, odd: r.norm.cpr_format === 1,
      lat: r.norm.cpr_lat_raw, lon: r.norm.cpr_lon_raw!, tc: parseInt(r.raw.slice(8, 10), 16) >> 3,
    });
  }
  return frames;
}

function textbookNL(lat: number): number {
  const a = Math.abs(lat);
  if (a === 0) return 59;
  if (a === 87) return 2;
  if (a > 87) return 1;
  const x = 1 - (1 - Math.cos(Math.PI / 30)) / Math.cos((Math.PI / 180) * a) ** 2;
  return Math.floor((2 * Math.PI) / Math.acos(x));
}

function mod(x: number, y: number): number {
  return x - y * Math.floor(x / y);
}

function textbookGlobal(evenLat: number, evenLon: number, oddLat: number, oddLon: number, oddNewer: boolean): { lat: number; lon: number } | null {
  const yz0 = evenLat / 131072;
  const yz1 = oddLat / 131072;
  const j = Math.floor(59 * yz0 - 60 * yz1 + 0.5);
  let lat0 = 6 * (mod(j, 60) + yz0);
  let lat1 = (360 / 59) * (mod(j, 59) + yz1);
  if (lat0 >= 270) lat0 -= 360;
  if (lat1 >= 270) lat1 -= 360;
  if (Math.abs(lat0) > 90 || Math.abs(lat1) > 90) return null;
  const nl = textbookNL(lat0);
  if (nl !== textbookNL(lat1)) return null;
  const m = Math.floor(((evenLon / 131072) * (nl - 1)) - ((oddLon / 131072) * nl) + 0.5);
  const ni = Math.max(oddNewer ? nl - 1 : nl, 1);
  const lon = (360 / ni) * (mod(m, ni) + (oddNewer ? oddLon : evenLon) / 131072);
  return { lat: oddNewer ? lat1 : lat0, lon: lon - 360 * Math.floor((lon + 180) / 360) };
}

/** Operations per second of `body` (which performs `ops` operations), median over repeats. */
function rate(ops: number, body: () => number): { perSecond: number; check: number } {
  let check = 0;
  for (let i = 0; i < WARMUP; i++) check += body();
  const rates: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = process.hrtime.bigint();
    check += body();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(ops / seconds);
  }
  return { perSecond: median(rates), check };
}

export async function run(): Promise<BenchFigure[]> {
  const frames = loadFrames();
  const pairs: number[] = [];
  const lastEven = new Map<number, Frame>();
  const lastOdd = new Map<number, Frame>();
  for (const f of frames) {
    (f.odd ? lastOdd : lastEven).set(f.icao, f);
    const e = lastEven.get(f.icao);
    const o = lastOdd.get(f.icao);
    if (e && o) pairs.push(e.lat, e.lon, o.lat, o.lon, f.odd ? 1 : 0);
  }
  const pairCount = pairs.length / 5;
  const out = new Float64Array(2);

  const ours = rate(pairCount * PASSES, () => {
    let sum = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (let i = 0; i < pairs.length; i += 5) {
        if (decodeAirborneGlobal(pairs[i], pairs[i + 1], pairs[i + 2], pairs[i + 3], pairs[i + 4] === 1, out) === undefined) sum += out[0];
      }
    }
    return sum;
  });
  const peer = rate(pairCount * PASSES, () => {
    let sum = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (let i = 0; i < pairs.length; i += 5) {
        const p = textbookGlobal(pairs[i], pairs[i + 1], pairs[i + 2], pairs[i + 3], pairs[i + 4] === 1);
        if (p !== null) sum += p.lat;
      }
    }
    return sum;
  });

  const latitudes = Float64Array.from({ length: 4096 }, (_, i) => -90 + (180 * i) / 4095);
  const nlOurs = rate(latitudes.length * PASSES * 10, () => {
    let sum = 0;
    for (let pass = 0; pass < PASSES * 10; pass++) for (let i = 0; i < latitudes.length; i++) sum += cprNL(latitudes[i]);
    return sum;
  });
  const nlPeer = rate(latitudes.length * PASSES * 10, () => {
    let sum = 0;
    for (let pass = 0; pass < PASSES * 10; pass++) for (let i = 0; i < latitudes.length; i++) sum += textbookNL(latitudes[i]);
    return sum;
  });

  // The tracker sees every frame once per pass; passes are 100 s apart in frame time so each
  // pass starts with fresh pairs against last pass's positions, as a long feed would.
  const msg: ModeSMessage = createMessage();
  const trackerOurs = rate(frames.length * PASSES, () => {
    const tracker = new CprTracker();
    let resolved = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      const offset = pass * 100;
      for (const f of frames) {
        msg.icao = f.icao; msg.df = 17; msg.timestamp = f.t + offset; msg.tc = f.tc;
        msg.cpr_format = f.odd ? 'odd' : 'even'; msg.cpr_lat = f.lat; msg.cpr_lon = f.lon;
        msg.latitude = undefined; msg.cpr_reject = undefined;
        tracker.resolve(msg);
        if (msg.latitude !== undefined) resolved++;
      }
    }
    return resolved;
  });
  const trackerPeer = rate(frames.length * PASSES, () => {
    const halves = new Map<number, { even?: Frame; odd?: Frame }>();
    let resolved = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (const f of frames) {
        let h = halves.get(f.icao);
        if (h === undefined) halves.set(f.icao, (h = {}));
        if (f.odd) h.odd = f;
        else h.even = f;
        if (h.even && h.odd && textbookGlobal(h.even.lat, h.even.lon, h.odd.lat, h.odd.lon, f.odd) !== null) resolved++;
      }
    }
    return resolved;
  });

  return [
    figure('cpr_global_airborne', ours.perSecond, 'decodes/s', 'textbook (acos NL, object per result)', peer.perSecond, { pairs: pairCount }),
    figure('cpr_nl', nlOurs.perSecond, 'lookups/s', 'closed-form acos NL', nlPeer.perSecond),
    figure('cpr_tracker', trackerOurs.perSecond, 'frames/s', 'bare even/odd pairer (no window, range or speed checks)', trackerPeer.perSecond, {
      frames: frames.length,
    }),
  ];
}
