// The Leaflet map: aircraft icons rotated by track and coloured by altitude, labels, trails, the
// receiver with range rings, and a tile layer that gives way to a plain lat/lon grid when tiles
// cannot be fetched (receivers often sit on networks without internet).
import * as L from 'leaflet';
import { altitudeColour, altitudeHue } from './altitude-colour.ts';
import { isEmergency, labelOf, type PageAircraft, type TrailPoint } from './aircraft-book.ts';
import { gridLines, NM_IN_METRES, RANGE_RINGS_NM } from './geo.ts';

const PLANE_PATH = 'M12 1.5c.9 0 1.5 1.2 1.5 2.6v5.2l8 4.7v2.2l-8-2.3v4.6l2.4 1.8V22L12 21l-3.9 1v-1.7l2.4-1.8v-4.6l-8 2.3V14l8-4.7V4.1c0-1.4.6-2.6 1.5-2.6z';

interface MarkerEntry {
  marker: L.Marker;
  key: string;
}

export interface MapViewOptions {
  onSelect: (icao: string | null) => void;
}

export class MapView {
  readonly map: L.Map;
  private readonly markers = new Map<string, MarkerEntry>();
  private readonly trailLayer = L.layerGroup();
  private readonly allTrailsLayer = L.layerGroup();
  private readonly gridLayer = L.layerGroup();
  private readonly ringLayer = L.layerGroup();
  private tiles: L.TileLayer | undefined;
  private tilesOffline = false;
  private selected: string | null = null;
  private centred = false;

  constructor(element: HTMLElement, private readonly note: HTMLElement, private readonly options: MapViewOptions) {
    this.map = L.map(element, { center: [20, 0], zoom: 2, worldCopyJump: true, zoomControl: true, preferCanvas: false });
    this.ringLayer.addTo(this.map);
    this.allTrailsLayer.addTo(this.map);
    this.trailLayer.addTo(this.map);
    this.map.on('moveend', () => {
      if (this.tilesOffline) this.drawGrid();
    });
    this.map.on('click', () => this.options.onSelect(null));
  }

  /** Uses the tile URL, or the grid alone when it is empty or tiles fail before any loads. */
  setTiles(url: string): void {
    if (this.tiles) this.tiles.remove();
    this.tiles = undefined;
    if (url.trim() === '') {
      this.goOffline(false);
      return;
    }
    this.tilesOffline = false;
    this.gridLayer.remove();
    this.map.getContainer().classList.remove('offline');
    this.note.hidden = true;
    let loaded = false;
    const layer = L.tileLayer(url, {
      maxZoom: 18,
      attribution: url.includes('openstreetmap') ? '&copy; OpenStreetMap contributors' : '',
    });
    // No tile in a few seconds means no route to the tile server, even if nothing failed outright.
    const timer = window.setTimeout(() => {
      if (!loaded && this.tiles === layer) this.goOffline(true);
    }, 6000);
    layer.on('tileload', () => {
      loaded = true;
      window.clearTimeout(timer);
    });
    layer.on('tileerror', () => {
      if (!loaded && this.tiles === layer) {
        window.clearTimeout(timer);
        this.goOffline(true);
      }
    });
    this.tiles = layer;
    layer.addTo(this.map);
  }

  get offline(): boolean {
    return this.tilesOffline;
  }

  private goOffline(failed: boolean): void {
    if (this.tiles) this.tiles.remove();
    this.tiles = undefined;
    this.tilesOffline = true;
    this.map.getContainer().classList.add('offline');
    this.note.hidden = !failed;
    this.gridLayer.addTo(this.map);
    this.gridLayer.setZIndex?.(0);
    this.drawGrid();
  }

  private drawGrid(): void {
    this.gridLayer.clearLayers();
    const b = this.map.getBounds();
    const s = b.getSouth();
    const n = b.getNorth();
    const w = b.getWest();
    const e = b.getEast();
    for (const line of gridLines(s, n, w, e)) {
      const points: L.LatLngExpression[] = line.axis === 'lat' ? [[line.value, w], [line.value, e]] : [[Math.max(s, -85), line.value], [Math.min(n, 85), line.value]];
      L.polyline(points, { color: '#5b7083', weight: 1, opacity: 0.5, interactive: false }).addTo(this.gridLayer);
      const at: L.LatLngExpression = line.axis === 'lat' ? [line.value, w] : [n, line.value];
      L.marker(at, {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: `grid-label grid-${line.axis}`, html: line.label, iconSize: [0, 0] }),
      }).addTo(this.gridLayer);
    }
  }

  setReceiver(receiver: { lat: number; lon: number } | null): void {
    this.ringLayer.clearLayers();
    if (receiver === null) return;
    L.circleMarker([receiver.lat, receiver.lon], { radius: 5, color: '#111', weight: 2, fillColor: '#fff', fillOpacity: 1, interactive: false })
      .addTo(this.ringLayer);
    for (const nm of RANGE_RINGS_NM) {
      L.circle([receiver.lat, receiver.lon], { radius: nm * NM_IN_METRES, color: '#39536b', weight: 1, dashArray: '4 6', fill: false, interactive: false })
        .addTo(this.ringLayer);
      const north = receiver.lat + (nm * NM_IN_METRES) / 111_320;
      L.marker([north, receiver.lon], {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'ring-label', html: `${nm} nm`, iconSize: [0, 0] }),
      }).addTo(this.ringLayer);
    }
    this.map.setView([receiver.lat, receiver.lon], this.map.getSize().x < 700 ? 6 : 7);
    this.centred = true;
  }

  /** Centres on the traffic once when the receiver position is unknown. */
  fitTraffic(aircraft: Iterable<PageAircraft>): void {
    if (this.centred) return;
    const points: L.LatLngTuple[] = [];
    for (const a of aircraft) if (a.latitude !== null && a.longitude !== null) points.push([a.latitude, a.longitude]);
    if (points.length === 0) return;
    this.map.fitBounds(L.latLngBounds(points).pad(0.1), { maxZoom: 10 });
    this.centred = true;
  }

  update(a: PageAircraft): void {
    const existing = this.markers.get(a.icao);
    if (a.latitude === null || a.longitude === null) {
      if (existing) this.remove(a.icao);
      return;
    }
    const selected = this.selected === a.icao;
    const emergency = isEmergency(a);
    const colour = altitudeColour(a.altitude, a.on_ground);
    const heading = Math.round(a.heading ?? 0);
    const label = labelOf(a);
    const key = `${colour}|${heading}|${label}|${selected}|${emergency}`;
    if (existing) {
      existing.marker.setLatLng([a.latitude, a.longitude]);
      if (existing.key !== key) {
        existing.marker.setIcon(this.icon(a.icao, colour, heading, label, selected, emergency));
        existing.marker.setZIndexOffset(selected ? 1000 : emergency ? 500 : 0);
        existing.key = key;
      }
      return;
    }
    const marker = L.marker([a.latitude, a.longitude], {
      icon: this.icon(a.icao, colour, heading, label, selected, emergency),
      keyboard: false,
      title: label,
      zIndexOffset: selected ? 1000 : 0,
    });
    marker.on('click', (ev) => {
      L.DomEvent.stopPropagation(ev);
      this.options.onSelect(a.icao);
    });
    marker.addTo(this.map);
    this.markers.set(a.icao, { marker, key });
  }

  remove(icao: string): void {
    const entry = this.markers.get(icao);
    if (!entry) return;
    entry.marker.remove();
    this.markers.delete(icao);
  }

  get markerCount(): number {
    return this.markers.size;
  }

  select(icao: string | null, aircraft: PageAircraft | undefined): void {
    const previous = this.selected;
    this.selected = icao;
    this.trailLayer.clearLayers();
    for (const id of [previous, icao]) {
      const entry = id === null ? undefined : this.markers.get(id);
      if (entry) entry.key = '';
    }
    if (aircraft && aircraft.latitude !== null && aircraft.longitude !== null && !this.map.getBounds().contains([aircraft.latitude, aircraft.longitude])) {
      this.map.panTo([aircraft.latitude, aircraft.longitude]);
    }
  }

  focus(a: PageAircraft): void {
    if (a.latitude === null || a.longitude === null) return;
    this.map.setView([a.latitude, a.longitude], Math.max(this.map.getZoom(), 10));
  }

  /** The selected aircraft's trail, in segments coloured by altitude. */
  showTrail(points: readonly TrailPoint[]): void {
    this.trailLayer.clearLayers();
    for (const seg of colouredSegments(points)) {
      L.polyline(seg.points, { color: seg.colour, weight: 3, opacity: 0.9, interactive: false, className: 'trail' }).addTo(this.trailLayer);
    }
  }

  showAllTrails(trails: Iterable<readonly TrailPoint[]> | null): void {
    this.allTrailsLayer.clearLayers();
    if (trails === null) return;
    for (const t of trails) {
      if (t.length < 2) continue;
      L.polyline(t.map((p) => [p.latitude, p.longitude] as L.LatLngTuple), { color: '#4a6a8a', weight: 1.5, opacity: 0.6, interactive: false, className: 'trail-all' })
        .addTo(this.allTrailsLayer);
    }
  }

  private icon(icao: string, colour: string, heading: number, label: string, selected: boolean, emergency: boolean): L.DivIcon {
    const cls = ['ac-icon', selected ? 'selected' : '', emergency ? 'emergency' : ''].filter(Boolean).join(' ');
    return L.divIcon({
      className: cls,
      iconSize: [26, 26],
      iconAnchor: [13, 13],
      html:
        `<svg viewBox="0 0 24 24" width="26" height="26" data-icao="${icao}" style="transform:rotate(${heading}deg)">` +
        `<path d="${PLANE_PATH}" fill="${colour}" stroke="#10202e" stroke-width="0.9"/></svg>` +
        `<span class="ac-label">${escapeHtml(label)}</span>`,
    });
  }
}

interface Segment {
  colour: string;
  points: L.LatLngTuple[];
}

/** Consecutive points of one colour band become one polyline (a few dozen lines, not thousands). */
function colouredSegments(points: readonly TrailPoint[]): Segment[] {
  const out: Segment[] = [];
  let current: Segment | undefined;
  for (const p of points) {
    const band = p.altitude === null ? -1 : Math.round(altitudeHue(p.altitude) / 15);
    const colour = p.altitude === null ? altitudeColour(null, null) : `hsl(${band * 15}, 85%, 45%)`;
    const ll: L.LatLngTuple = [p.latitude, p.longitude];
    if (current && current.colour === colour) current.points.push(ll);
    else {
      // Start the new segment where the last ended so the line has no gaps.
      const start = current ? [current.points[current.points.length - 1], ll] : [ll];
      current = { colour, points: start };
      out.push(current);
    }
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
