// Watches and alerts: the token (entered once, kept in localStorage), the form that starts a watch,
// the user's watches with a delete button each, and the list of alerts pushed on the alerts
// channel, optionally with a browser notification and a beep.
import type { PushedEvent } from './aircraft-book.ts';
import { escapeHtml } from './map-view.ts';
import { watchBody, describeWatch, describeAlert } from './watch-form.ts';

const TOKEN_KEY = 'skyledger.token';
const ALERTS_KEY = 'skyledger.alerts';
const NOTIFY_KEY = 'skyledger.notify';
const SOUND_KEY = 'skyledger.sound';
const MAX_ALERTS = 50;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} missing from the page`);
  return el as T;
}

export class AlertsView {
  private alerts: PushedEvent[] = [];
  private readonly list = byId<HTMLOListElement>('alert-list');
  private readonly watchList = byId<HTMLUListElement>('watch-list');
  private readonly error = byId<HTMLParagraphElement>('watch-error');
  private readonly tokenState = byId<HTMLSpanElement>('token-state');
  private audio: AudioContext | undefined;

  constructor(private readonly onToken: () => void, private readonly onSelect: (icao: string) => void) {
    try {
      this.alerts = JSON.parse(localStorage.getItem(ALERTS_KEY) ?? '[]') as PushedEvent[];
    } catch {
      this.alerts = [];
    }
    const tokenInput = byId<HTMLInputElement>('token');
    tokenInput.value = this.token() ?? '';
    byId<HTMLFormElement>('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const t = tokenInput.value.trim();
      if (t === '') localStorage.removeItem(TOKEN_KEY);
      else localStorage.setItem(TOKEN_KEY, t);
      this.tokenState.textContent = t === '' ? 'no token' : 'saved';
      this.onToken();
      void this.refreshWatches();
    });
    const kind = byId<HTMLSelectElement>('watch-kind');
    const area = document.querySelector<HTMLFieldSetElement>('.watch-area')!;
    const valueLabel = document.querySelector<HTMLLabelElement>('.watch-value')!;
    const syncKind = (): void => {
      area.hidden = kind.value !== 'area';
      valueLabel.hidden = kind.value === 'area' || kind.value === 'emergency';
    };
    kind.addEventListener('change', syncKind);
    syncKind();
    byId<HTMLFormElement>('watch-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.createWatch();
    });
    this.watchList.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-watch]');
      if (button?.dataset.watch) void this.deleteWatch(button.dataset.watch);
    });
    this.list.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest<HTMLLIElement>('li[data-icao]');
      if (li?.dataset.icao) this.onSelect(li.dataset.icao);
    });
    const notify = byId<HTMLInputElement>('notify-browser');
    const sound = byId<HTMLInputElement>('notify-sound');
    notify.checked = localStorage.getItem(NOTIFY_KEY) === '1';
    sound.checked = localStorage.getItem(SOUND_KEY) === '1';
    notify.addEventListener('change', () => {
      localStorage.setItem(NOTIFY_KEY, notify.checked ? '1' : '0');
      if (notify.checked && 'Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
    });
    sound.addEventListener('change', () => localStorage.setItem(SOUND_KEY, sound.checked ? '1' : '0'));
    this.renderAlerts();
    this.tokenState.textContent = this.token() === null ? 'no token: watches and alerts need one' : '';
    if (this.token() === null) byId<HTMLDetailsElement>('watch-box').open = true;
  }

  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  }

  tokenRejected(message: string): void {
    this.tokenState.textContent = `token refused: ${message}`;
  }

  alert(e: PushedEvent): void {
    this.alerts.unshift(e);
    this.alerts.length = Math.min(this.alerts.length, MAX_ALERTS);
    try {
      localStorage.setItem(ALERTS_KEY, JSON.stringify(this.alerts));
    } catch {
      // A full storage only loses the history across reloads.
    }
    this.renderAlerts();
    const text = describeAlert(e);
    if (localStorage.getItem(NOTIFY_KEY) === '1' && 'Notification' in window && Notification.permission === 'granted') {
      new Notification('skyledger', { body: text, tag: `${e.type}:${String(e.data?.watch_id)}:${String(e.data?.icao)}` });
    }
    if (localStorage.getItem(SOUND_KEY) === '1') this.beep();
  }

  async refreshWatches(): Promise<void> {
    const token = this.token();
    if (token === null) {
      this.watchList.innerHTML = '';
      return;
    }
    const res = await fetch('/api/watches', { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) {
      this.watchList.innerHTML = `<li class="hint">${escapeHtml(await errorText(res))}</li>`;
      return;
    }
    const body = (await res.json()) as { watches?: Record<string, unknown>[] };
    const watches = (body.watches ?? []).filter((w) => w.active !== false && w.stopped_at == null);
    this.watchList.innerHTML = watches
      .map((w) => {
        const id = String(w.id ?? w.watch_id);
        return `<li data-watch-id="${escapeHtml(id)}"><span>${escapeHtml(describeWatch(w))}</span> <button type="button" data-watch="${escapeHtml(id)}" aria-label="delete watch">✕</button></li>`;
      })
      .join('');
  }

  private async createWatch(): Promise<void> {
    this.error.textContent = '';
    const token = this.token();
    if (token === null) {
      this.error.textContent = 'Save an API token first.';
      return;
    }
    const value = (id: string): string => byId<HTMLInputElement>(id).value;
    const built = watchBody({
      kind: byId<HTMLSelectElement>('watch-kind').value,
      value: value('watch-value'),
      label: value('watch-label'),
      lat: value('area-lat'), lon: value('area-lon'), radius: value('area-radius'), maxAltitude: value('area-alt'),
    });
    if ('error' in built) {
      this.error.textContent = built.error;
      return;
    }
    const res = await fetch('/api/watches', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(built.body),
    });
    if (!res.ok) {
      this.error.textContent = await errorText(res);
      return;
    }
    byId<HTMLInputElement>('watch-value').value = '';
    byId<HTMLInputElement>('watch-label').value = '';
    await this.refreshWatches();
  }

  private async deleteWatch(id: string): Promise<void> {
    const token = this.token();
    if (token === null) return;
    const res = await fetch(`/api/watches/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    if (!res.ok && res.status !== 404) this.error.textContent = await errorText(res);
    await this.refreshWatches();
  }

  private renderAlerts(): void {
    this.list.innerHTML = this.alerts.length === 0
      ? '<li class="hint">No alerts yet.</li>'
      : this.alerts
        .map((e) => {
          const lost = e.type.includes('flight_lost');
          const icao = typeof e.data?.icao === 'string' ? e.data.icao : '';
          const time = typeof e.time === 'string' ? new Date(e.time).toLocaleTimeString() : '';
          return `<li class="alert ${lost ? 'lost' : 'spotted'}" data-icao="${escapeHtml(icao)}"><time>${escapeHtml(time)}</time> ${escapeHtml(describeAlert(e))}</li>`;
        })
        .join('');
  }

  private beep(): void {
    try {
      this.audio ??= new AudioContext();
      const osc = this.audio.createOscillator();
      const gain = this.audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.1;
      osc.connect(gain).connect(this.audio.destination);
      osc.start();
      osc.stop(this.audio.currentTime + 0.2);
    } catch {
      // No audio output: the list still shows the alert.
    }
  }
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string; field?: string };
    return `${res.status}: ${body.message ?? res.statusText}${body.field ? ` (${body.field})` : ''}`;
  } catch {
    return `${res.status} ${res.statusText}`;
  }
}
