// The WebSocket to `/ws`: opens, says what it wants, hands every message to the page, and on a drop
// reconnects with `?after=` the last position seen so nothing is missed or repeated.
import { LiveCursor, reconnectDelayMs, type ServerMessage } from './live-protocol.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveSocketOptions {
  channel: 'aircraft' | 'alerts';
  token: () => string | null;
  /** Before subscribing on the first connection: load the snapshot the stream continues. */
  onFirstWelcome?: () => Promise<void>;
  onMessage: (m: ServerMessage) => void;
  onState: (state: LiveState, detail?: string) => void;
}

export class LiveSocket {
  readonly cursor = new LiveCursor();
  private socket: WebSocket | undefined;
  private attempt = 0;
  private welcomed = false;
  private stopped = false;

  constructor(private readonly options: LiveSocketOptions) {}

  start(): void {
    this.connect();
  }

  /** Reconnects now (a new token must re-authenticate the alerts subscription). */
  restart(): void {
    this.stopped = false;
    if (this.socket === undefined) this.connect();
    else this.socket.close(1000, 'restart');
  }

  stop(): void {
    this.stopped = true;
    const s = this.socket;
    this.socket = undefined;
    s?.close(1000, 'stopped');
  }

  private connect(): void {
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}/ws${this.cursor.resumeQuery()}`);
    this.socket = ws;
    this.options.onState(this.attempt === 0 && !this.welcomed ? 'connecting' : 'reconnecting');
    ws.onmessage = (ev) => {
      const m = this.cursor.classify(String(ev.data));
      if (m.kind === 'welcome') {
        void this.open(ws, m.head);
        return;
      }
      this.options.onMessage(m);
    };
    ws.onclose = (ev) => {
      if (this.socket !== ws) return;
      const delay = ev.reason === 'restart' ? 0 : reconnectDelayMs(this.attempt++);
      this.options.onState('reconnecting', ev.reason || `closed (${ev.code})`);
      window.setTimeout(() => this.connect(), delay);
    };
  }

  private async open(ws: WebSocket, head: number): Promise<void> {
    if (!this.welcomed) {
      this.welcomed = true;
      try {
        await this.options.onFirstWelcome?.();
      } catch (err) {
        this.options.onState('reconnecting', err instanceof Error ? err.message : String(err));
      }
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    for (const m of this.cursor.openingMessages(this.options.channel, head, this.options.token())) ws.send(JSON.stringify(m));
    this.attempt = 0;
    this.options.onState('live');
  }
}
