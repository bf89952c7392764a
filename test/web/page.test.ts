// The web map end to end: `skyledger serve` as a child process looping the demo capture, the page in
// headless Chromium (Debian's) with every request off loopback aborted, so map tiles fail the way
// they do on a receiver without internet. Screenshots go to test-artifacts/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPage } from '../../web/build.ts';
import { describeWithPrograms } from '../helpers/external.ts';
import { REPO } from '../helpers/shared.ts';

const TOKEN = 'web-test-token-1';
const ARTIFACTS = path.join(REPO, 'test-artifacts');
const truth = readFileSync(path.join(REPO, 'fixtures/demo.truth.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const run = truth[0];
const flights: { icao: string; callsign: string; kind: string; track: number[][] }[] = truth.slice(1).filter((t) => t.type === 'aircraft');
const CALLSIGNS = new Set(flights.map((f) => f.callsign));

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeWithPrograms('web map in Chromium against skyledger serve', ['chromium'], 'chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skyledger-web-e2e-'));
  let server: ChildProcess;
  let url = '';
  let context: BrowserContext;
  let stderr = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The page as the sources are now, not as the last `npm install` left it.
    await buildPage();
    server = spawn(process.execPath, [
      path.join(REPO, 'bin/skyledger.js'), 'serve', '--source', 'demo', '--db', path.join(dir, 'web.db'), '--port', '0',
      '--lat', String(run.receiver.lat), '--lon', String(run.receiver.lon),
    ], {
      cwd: dir,
      env: { ...process.env, SKYLEDGER_API_TOKENS: `tester:${TOKEN}`, SKYLEDGER_TOKENS_FILE: path.join(dir, 'no-tokens'), SKYLEDGER_TILE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout!.on('data', (d) => (out += String(d)));
    server.stderr!.on('data', (d) => (stderr += String(d)));
    url = await until('the serving log line', () => {
      const line = out.split('\n').find((l) => l.includes('"skyledger serving"'));
      return line === undefined ? undefined : (JSON.parse(line).url as string);
    }, 60_000);
    context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
    });
    // Nothing leaves loopback: tiles (and anything else) fail as on a network without internet.
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' ? route.continue() : route.abort('internetdisconnected');
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function open(tileUrl?: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${url}/${tileUrl === undefined ? '' : `?tiles=${encodeURIComponent(tileUrl)}`}`);
    return page;
  }

  async function tableCallsigns(page: Page): Promise<string[]> {
    return page.$$eval('#aircraft-table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent ?? '').filter((t) => t !== ''));
  }

  it('fills the table with the capture\'s callsigns and the map with markers, tiles blocked', async () => {
    const page = await open('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    const shown = await until('20 callsigns in the table', async () => {
      const c = await tableCallsigns(page);
      return c.length >= 20 ? c : undefined;
    }, 90_000);
    expect(shown.filter((c) => !CALLSIGNS.has(c))).toEqual([]);
    await until('markers on the map', async () => (await page.locator('.leaflet-marker-icon.ac-icon').count()) >= 20, 30_000);
    // The tile requests were aborted: the page falls back to its grid and says so.
    await page.locator('#map.offline').waitFor({ timeout: 20_000 });
    await expect(page.locator('#tile-note').isVisible()).resolves.toBe(true);
    expect(await page.locator('.grid-label').count()).toBeGreaterThan(3);
    expect(await page.locator('.ring-label').count()).toBeGreaterThan(0);
    await expect(page.locator('#status').getAttribute('data-state')).resolves.toBe('live');
    // Emergency squawks in the capture (7700) are highlighted.
    await until('an emergency row', async () => (await page.locator('#aircraft-table tr.emergency').count()) > 0, 60_000);

    // Sort: altitude, highest first (emergencies stay on top).
    await page.locator('th[data-sort="altitude"]').click();
    await expect(page.locator('th[data-sort="altitude"]').getAttribute('aria-sort')).resolves.toBe('descending');
    const altitudes = await page.$$eval('#aircraft-table tbody tr:not(.emergency) td:nth-child(4)', (tds) => tds.map((td) => td.textContent ?? ''));
    const numbers = altitudes.filter((t) => /^[\d,]+$/.test(t)).map((t) => Number(t.replace(/,/g, '')));
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    // Filter: only matching rows remain, and all of them come back.
    await page.locator('#filter').fill('klm');
    const filtered = await tableCallsigns(page);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((c) => c.includes('KLM'))).toBe(true);
    await page.locator('#filter').fill('');
    await until('the rows back', async () => (await tableCallsigns(page)).length >= 20, 10_000);
    // All trails: drawn from the positions heard since the page opened.
    await page.locator('#all-trails').check();
    await until('trails for all aircraft', async () => (await page.locator('path.trail-all').count()) >= 10, 30_000);
    await page.locator('#all-trails').uncheck();
    await until('all trails gone', async () => (await page.locator('path.trail-all').count()) === 0, 10_000);
    await page.close();
  }, 180_000);

  it('selecting a row shows its details and trail; a callsign watch made in the form raises its alert on the page', async () => {
    const page = await open();
    await page.locator('#map.offline').waitFor({ timeout: 20_000 });
    // An airborne flight that lasts the whole capture, shown with a position.
    const candidates = flights.filter((f) => f.kind === 'overflight' && f.track[0][0] === 0 && f.track[f.track.length - 1][0] >= 300).map((f) => f.callsign);
    const target = await until('an overflight in the table with a position', async () => {
      const rows = await page.$$eval('#aircraft-table tbody tr:not(.no-position)', (trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
      return rows.find((c) => candidates.includes(c));
    }, 90_000);
    const flight = flights.find((f) => f.callsign === target)!;
    await page.locator(`#aircraft-table tbody tr[data-icao="${flight.icao}"]`).click();
    await expect(page.locator('#details h2').textContent()).resolves.toBe(target);
    await expect(page.locator(`#aircraft-table tr.selected[data-icao="${flight.icao}"]`).count()).resolves.toBe(1);
    await until('the selected aircraft\'s trail', async () => Number(await page.locator('#map').getAttribute('data-trail-points')) >= 2 && (await page.locator('path.trail').count()) > 0, 30_000);
    await until('the trail to grow live', async () => (await page.locator('path.trail').first().getAttribute('d'))?.split('L').length ?? 0 > 3, 30_000);

    await page.locator('#token').fill(TOKEN);
    await page.locator('#token-form button').click();
    await page.locator('#watch-kind').selectOption('callsign');
    await page.locator('#watch-value').fill(target);
    await page.locator('#watch-label').fill('e2e');
    await page.locator('#watch-form button[type=submit]').click();
    await until('the watch in the list', async () => (await page.locator('#watch-list li[data-watch-id]').count()) === 1, 20_000);
    await expect(page.locator('#watch-error').textContent()).resolves.toBe('');
    // The watch learns callsigns from events after it starts: the injector repeats an unchanged
    // identity every 60 s, so the alert can take that long.
    const alert = page.locator('#alert-list li.spotted', { hasText: target });
    await alert.first().waitFor({ timeout: 150_000 });
    expect(await alert.first().textContent()).toContain(`${target} (${flight.icao}) spotted`);
    // A double click centres on it zoomed in, so the screenshot shows the trail.
    await page.locator(`#aircraft-table tbody tr[data-icao="${flight.icao}"]`).dblclick();
    await until('the trail drawn at the new zoom', async () => (await page.locator('path.trail').count()) > 0, 10_000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-map.png') });

    await page.locator('#watch-list button[data-watch]').click();
    await until('the watch to be deleted', async () => (await page.locator('#watch-list li[data-watch-id]').count()) === 0, 20_000);
    await page.close();
  }, 330_000);

  it('draws tiles from a reachable tile server instead of the grid', async () => {
    // A one-pixel PNG for every tile, on loopback.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    let served = 0;
    const tiles = createServer((req, res) => {
      served++;
      res.writeHead(/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '') ? 200 : 404, { 'content-type': 'image/png' });
      res.end(png);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    try {
      const port = (tiles.address() as AddressInfo).port;
      const page = await open(`http://127.0.0.1:${port}/{z}/{x}/{y}.png`);
      await until('tiles loaded', async () => (await page.locator('img.leaflet-tile-loaded').count()) > 0, 30_000);
      expect(served).toBeGreaterThan(0);
      expect(await page.locator('#map.offline').count()).toBe(0);
      expect(await page.locator('.grid-label').count()).toBe(0);
      await expect(page.locator('#tile-note').isVisible()).resolves.toBe(false);
      await page.close();
    } finally {
      await new Promise((resolve) => tiles.close(resolve));
    }
  }, 120_000);

  it('reconnects after a dropped socket with ?after= the last position it saw, and gets nothing twice', async () => {
    const page = await context.newPage();
    // Every /ws connection the page opens (one per channel); the aircraft ones are looked at.
    const all: { url: string; channel?: string; positions: number[]; route: import('playwright-core').WebSocketRoute }[] = [];
    const aircraft = (): typeof all => all.filter((c) => c.channel === 'aircraft');
    await page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
      const conn: (typeof all)[number] = { url: ws.url(), positions: [], route: ws };
      all.push(conn);
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        const sent = JSON.parse(String(m));
        if (sent.type === 'subscribe') conn.channel = sent.channel;
        server.send(m);
      });
      server.onMessage((m) => {
        const p = JSON.parse(String(m)).position;
        if (typeof p === 'number') conn.positions.push(p);
        ws.send(m);
      });
    });
    await page.goto(`${url}/`);
    await until('pushes on the first connection', () => aircraft().length === 1 && aircraft()[0].positions.length >= 20, 60_000);
    // Drop it from the page's side, as a network change would.
    await aircraft()[0].route.close({ code: 4000, reason: 'test drop' });
    await until('a second connection', () => aircraft().length === 2, 60_000);
    const [firstConn, secondConn] = aircraft();
    const first = firstConn.positions;
    const second = secondConn.positions;
    // The page resumes after the last push it handled (pushes still in flight at the drop were not).
    const after = Number(new URL(secondConn.url).searchParams.get('after'));
    await until('the catch-up and a few live pushes', () => second.length >= first.filter((p) => p > after).length + 5, 60_000);
    expect(first).toContain(after);
    expect(Math.min(...second)).toBeGreaterThan(after);
    // What the page had not handled comes again, once; nothing is lost.
    const missed = first.filter((p) => p > after);
    expect(second.slice(0, missed.length)).toEqual(missed);
    expect(new Set(second).size).toBe(second.length);
    await until('the page live again', async () => (await page.locator('#status').getAttribute('data-state')) === 'live', 20_000);
    await page.close();
  }, 180_000);

  it('fits a phone-sized screen: map above, table below, nothing wider than the screen', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/`);
    await until('rows on the phone', async () => (await tableCallsigns(page)).length >= 10, 90_000);
    const map = (await page.locator('#map').boundingBox())!;
    const table = (await page.locator('#aircraft-table').boundingBox())!;
    expect(map.width).toBeLessThanOrEqual(390);
    expect(map.height).toBeGreaterThan(300);
    expect(table.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(table.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.locator('#aircraft-table tbody tr').first().click();
    await expect(page.locator('#details').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-map-phone.png') });
    await page.close();
  }, 180_000);

  afterAll(() => {
    if (stderr.includes('Error')) console.error(stderr);
  });
});
