// The aircraft table. Rows are kept per aircraft and updated in place, so a click is never lost to
// a row being replaced under the pointer while traffic streams in.
import type { PageAircraft } from './aircraft-book.ts';
import { nextSort, tableRows, type SortDirection, type SortKey, type TableRow } from './table-model.ts';

export interface TableViewOptions {
  onSelect: (icao: string) => void;
  /** A double click: centre the map on it, zoomed in. */
  onFocus: (icao: string) => void;
  distance: (a: PageAircraft) => number | null;
}

export class TableView {
  private sort: { key: SortKey; direction: SortDirection } = { key: 'distance', direction: 'asc' };
  private filter = '';
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private order: string[] = [];
  private selected: string | null = null;
  private readonly body: HTMLTableSectionElement;

  constructor(private readonly table: HTMLTableElement, filterInput: HTMLInputElement, private readonly options: TableViewOptions, private readonly onChange: () => void) {
    this.body = table.tBodies[0];
    filterInput.addEventListener('input', () => {
      this.filter = filterInput.value;
      this.onChange();
    });
    for (const th of Array.from(table.querySelectorAll<HTMLTableCellElement>('th[data-sort]'))) {
      th.tabIndex = 0;
      const activate = (): void => {
        this.sort = nextSort(this.sort, th.dataset.sort as SortKey);
        this.onChange();
      };
      th.addEventListener('click', activate);
      th.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') activate();
      });
    }
    this.body.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.icao) this.options.onSelect(tr.dataset.icao);
    });
    this.body.addEventListener('dblclick', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.icao) this.options.onFocus(tr.dataset.icao);
    });
  }

  select(icao: string | null): void {
    this.selected = icao;
    for (const [id, tr] of this.rows) tr.classList.toggle('selected', id === icao);
    const tr = icao === null ? undefined : this.rows.get(icao);
    tr?.scrollIntoView({ block: 'nearest' });
  }

  render(aircraft: Iterable<PageAircraft>): TableRow[] {
    const rows = tableRows(aircraft, this.filter, this.sort.key, this.sort.direction, this.options.distance);
    const keep = new Set(rows.map((r) => r.aircraft.icao));
    for (const [icao, tr] of this.rows) {
      if (!keep.has(icao)) {
        tr.remove();
        this.rows.delete(icao);
      }
    }
    for (const r of rows) this.fill(r);
    const order = rows.map((r) => r.aircraft.icao);
    if (order.length !== this.order.length || order.some((id, i) => id !== this.order[i])) {
      for (const id of order) this.body.appendChild(this.rows.get(id)!);
      this.order = order;
    }
    for (const th of Array.from(this.table.querySelectorAll<HTMLTableCellElement>('th[data-sort]'))) {
      const active = th.dataset.sort === this.sort.key;
      th.setAttribute('aria-sort', active ? (this.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');
    }
    return rows;
  }

  private fill(r: TableRow): void {
    const a = r.aircraft;
    let tr = this.rows.get(a.icao);
    if (tr === undefined) {
      tr = document.createElement('tr');
      tr.dataset.icao = a.icao;
      for (let i = 0; i < 7; i++) tr.appendChild(document.createElement('td'));
      for (const i of [3, 4, 5, 6]) tr.cells[i].className = 'num';
      tr.cells[5].classList.add('wide');
      tr.classList.toggle('selected', a.icao === this.selected);
      this.rows.set(a.icao, tr);
    }
    const cells = [
      a.callsign ?? '',
      a.icao,
      a.squawk ?? '',
      a.on_ground ? 'ground' : fmt(a.altitude, 0),
      fmt(a.ground_speed, 0),
      fmt(a.heading, 0),
      fmt(r.distance, 1),
    ];
    cells.forEach((text, i) => {
      if (tr.cells[i].textContent !== text) tr.cells[i].textContent = text;
    });
    tr.classList.toggle('emergency', r.emergency);
    tr.classList.toggle('no-position', a.latitude === null);
  }
}

function fmt(v: number | null, digits: number): string {
  return v === null ? '' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
