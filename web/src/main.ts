// The page: wires the aircraft book, map, table, alerts and the live socket together. Rendering is
// batched into animation frames, so a burst of pushed events costs one redraw.
import 'leaflet/dist/leaflet.css';
import './style.css';
import { AircraftBook, type PageAircraft } from './aircraft-book.ts';
import { ALTITUDE_LEGEND, altitudeColour } from './altitude-colour.ts';
import { AlertsView } from './alerts-view.ts';
import { distanceNm } from './geo.ts';
import { LiveSocket } from './live-socket.ts';
import { MapView } from './map-view.ts';
import { TableView } from './table-view.ts';

const TILE_KEY = 'skyledger.tiles';
/** Aircraft not heard for this long leave the page (the server's cleanup uses a similar age). */
const MAX_AGE_SECONDS = 300;

interface PageConfig {
  receiver: { lat: number; lon: number } | null;
  tile_url: string;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const book = new AircraftBook();
let receiver: PageConfig['receiver'] = null;
let selected: string | null = null;
let trail: { icao: string; points: { latitude: number; longitude: number; altitude: number | null }[] } | null = null;
const dirty = new Set<string>();
let tableDirty = true;
let frame = 0;

const distance = (a: PageAircraft): number | null =>
  receiver === null || a.latitude === null || a.longitude === null ? null : distanceNm(receiver.lat, receiver.lon, a.latitude, a.longitude);

const map = new MapView($('map'), $('tile-note'), { onSelect: (icao) => select(icao) });
const table = new TableView($('aircraft-table'), $('filter'), {
  onSelect: (icao) => select(icao),
  onFocus: (icao) => {
    const a = book.aircraft.get(icao);
    if (a) map.focus(a);
  },
  distance,
}, () => schedule());
const alerts = new AlertsView(() => {
  if (alerts.token() === null) alertsLive.stop();
  else alertsLive.restart();
}, (icao) => select(icao));

function schedule(icao?: string): void {
  if (icao !== undefined) dirty.add(icao);
  tableDirty = true;
  if (frame === 0) frame = requestAnimationFrame(render);
}

function render(): void {
  frame = 0;
  for (const icao of dirty) {
    const a = book.aircraft.get(icao);
    if (a) map.update(a);
    else map.remove(icao);
  }
  dirty.clear();
  if (tableDirty) {
    table.render(book.aircraft.values());
    tableDirty = false;
    $('count').textContent = `${book.aircraft.size} aircraft`;
  }
  if (selected !== null) renderDetails();
  if (allTrails()) map.showAllTrails(book.trails.values());
}

function allTrails(): boolean {
  return $<HTMLInputElement>('all-trails').checked;
}

function select(icao: string | null): void {
  selected = icao;
  const a = icao === null ? undefined : book.aircraft.get(icao);
  map.select(icao, a);
  table.select(icao);
  if (a) dirty.add(a.icao);
  for (const id of book.aircraft.keys()) if (id !== icao) dirty.add(id);
  trail = null;
  map.showTrail([]);
  renderDetails();
  schedule();
  if (icao !== null) void loadTrail(icao);
}

async function loadTrail(icao: string): Promise<void> {
  const res = await fetch(`/api/aircraft/${icao}/track`, { headers: readHeaders() });
  if (!res.ok || selected !== icao) return;
  const body = (await res.json()) as { points: { latitude: number; longitude: number; altitude: number | null }[] };
  trail = { icao, points: body.points.map((p) => ({ latitude: p.latitude, longitude: p.longitude, altitude: p.altitude })) };
  // Positions pushed while the request was out are newer than the stored track: keep them.
  const a = book.aircraft.get(icao);
  if (a?.latitude != null && a.longitude != null) trail.points.push({ latitude: a.latitude, longitude: a.longitude, altitude: a.altitude });
  map.showTrail(trail.points);
  $('map').dataset.trailPoints = String(trail.points.length);
}

function renderDetails(): void {
  const box = $('details');
  const a = selected === null ? undefined : book.aircraft.get(selected);
  if (a === undefined) {
    box.hidden = true;
    box.innerHTML = '';
    return;
  }
  box.hidden = false;
  const d = distance(a);
  const rows: [string, string][] = [
    ['ICAO', a.icao],
    ['Squawk', a.squawk ?? '–'],
    ['Altitude', a.on_ground ? 'on ground' : a.altitude === null ? '–' : `${a.altitude.toLocaleString('en-US')} ft`],
    ['Speed', a.ground_speed === null ? '–' : `${Math.round(a.ground_speed)} kt`],
    ['Track', a.heading === null ? '–' : `${Math.round(a.heading)}°`],
    ['Vert. rate', a.vertical_rate === null ? '–' : `${a.vertical_rate} ft/min`],
    ['Position', a.latitude === null || a.longitude === null ? '–' : `${a.latitude.toFixed(4)}, ${a.longitude.toFixed(4)}`],
    ['Distance', d === null ? '–' : `${d.toFixed(1)} nm`],
    ['Category', a.emitter_category ?? '–'],
    ['Emergency', a.emergency ?? '–'],
    ['Last seen', a.last_seen === null ? '–' : new Date(a.last_seen).toLocaleTimeString()],
  ];
  const html =
    `<header><h2 style="border-left:6px solid ${altitudeColour(a.altitude, a.on_ground)}">${esc(a.callsign ?? a.icao)}</h2>` +
    `<button type="button" id="details-close" aria-label="close details">✕</button></header>` +
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
  if (box.innerHTML !== html) {
    box.innerHTML = html;
    $('details-close').addEventListener('click', () => select(null));
  }
}

/** A kept token goes on reads too, for servers started with --read-token-required. */
function readHeaders(): Record<string, string> {
  const token = alerts.token();
  return token === null ? {} : { authorization: `Bearer ${token}` };
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

const live = new LiveSocket({
  channel: 'aircraft',
  token: () => alerts.token(),
  onFirstWelcome: async () => {
    const res = await fetch('/api/aircraft', { headers: readHeaders() });
    if (!res.ok) throw new Error(`/api/aircraft: ${res.status}`);
    const body = (await res.json()) as { aircraft: Record<string, unknown>[] };
    book.load(body.aircraft);
    for (const icao of book.aircraft.keys()) dirty.add(icao);
    map.fitTraffic(book.aircraft.values());
    schedule();
  },
  onMessage: (m) => {
    switch (m.kind) {
      case 'observation': {
        const icao = book.apply(m.event);
        if (icao === undefined) return;
        if (icao === selected && trail?.icao === icao && m.event.type.includes('position_reported')) {
          const a = book.aircraft.get(icao)!;
          trail.points.push({ latitude: a.latitude!, longitude: a.longitude!, altitude: a.altitude });
          map.showTrail(trail.points);
        }
        schedule(icao);
        return;
      }
      case 'error':
        if (m.field === 'channel') $('status').title = m.message;
        return;
      default:
        return;
    }
  },
  onState: (state, detail) => {
    const el = $('status');
    el.dataset.state = state;
    el.textContent = state === 'live' ? 'live' : state === 'connecting' ? 'connecting…' : 'reconnecting…';
    el.title = detail ?? '';
  },
});

const alertsLive = new LiveSocket({
  channel: 'alerts',
  token: () => alerts.token(),
  onMessage: (m) => {
    if (m.kind === 'alert') alerts.alert(m.event);
    else if (m.kind === 'error') alerts.tokenRejected(m.message);
  },
  onState: () => {},
});

function legend(): void {
  $('legend').innerHTML = ALTITUDE_LEGEND.map((ft) => `<span style="background:${altitudeColour(ft, false)}">${ft === 0 ? '0' : `${ft / 1000}k`}</span>`).join('');
}

async function start(): Promise<void> {
  legend();
  let config: PageConfig = { receiver: null, tile_url: '' };
  try {
    const res = await fetch('/page-config.json');
    if (res.ok) config = (await res.json()) as PageConfig;
  } catch {
    // An older server: no receiver, no tiles.
  }
  receiver = config.receiver;
  map.setReceiver(receiver);
  const tileInput = $<HTMLInputElement>('tile-url');
  const stored = localStorage.getItem(TILE_KEY);
  const tiles = new URLSearchParams(location.search).get('tiles') ?? stored ?? config.tile_url;
  tileInput.value = tiles;
  map.setTiles(tiles);
  $<HTMLFormElement>('tiles-form').addEventListener('submit', (e) => {
    e.preventDefault();
    localStorage.setItem(TILE_KEY, tileInput.value.trim());
    map.setTiles(tileInput.value.trim());
  });
  $<HTMLInputElement>('all-trails').addEventListener('change', () => {
    if (!allTrails()) map.showAllTrails(null);
    schedule();
  });
  const toggle = $<HTMLButtonElement>('panel-toggle');
  toggle.addEventListener('click', () => {
    const open = document.body.classList.toggle('panel-closed');
    toggle.setAttribute('aria-expanded', String(!open));
    map.map.invalidateSize();
  });
  window.setInterval(() => {
    for (const icao of book.expire(MAX_AGE_SECONDS)) schedule(icao);
  }, 10_000);
  void alerts.refreshWatches();
  live.start();
  if (alerts.token() !== null) alertsLive.start();
}

void start();
