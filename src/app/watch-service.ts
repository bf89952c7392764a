// The watch commands behind `POST/DELETE/GET /api/watches`: the shell around the pure watch
// aggregate. It mints the watch id, seals the webhook URL with the user's key, asks the aggregate
// to decide against the user's watches (rebuilt from the log's watch events), appends what it
// decided and brings the projections up to date so a following list sees it. Lists come from the
// watches projection, webhook URLs opened per request — shown redacted once the user is forgotten.
import { randomUUID } from 'node:crypto';
import { decide, evolve, noWatches, parseWatchBody, type UserWatches, type WatchCommand } from '../aggregates/index.ts';
import type { WatchCommands } from '../api/watch-routes.ts';
import { WATCH_STARTED, WATCH_STOPPED, type WatchCriteria } from '../events/index.ts';
import type { WatchRow } from '../projectors/watches.ts';
import { PersonalData, REDACTED } from '../security/index.ts';
import type { SqliteEventLog } from '../store/sqlite-event-log.ts';
import type { WatchQueries } from '../store/projections/watch-tables.ts';

export interface WatchServiceDeps {
  log: SqliteEventLog;
  queries: WatchQueries;
  personal: PersonalData;
  /** Brings the projections up to date (the service's ProjectionRunner). */
  catchUp?: () => void;
  newId?: () => string;
}

/** A watch as the API shows it to its owner: the projection's row, its criteria and webhook in the request's spelling. */
export interface WatchView extends Pick<WatchRow, 'label' | 'status' | 'started_at' | 'stopped_at' | 'spotted' | 'lost' | 'last_alert_at'> {
  id: string;
  match: Record<string, unknown>;
  /** The URL, null without one, or `[redacted]` when it can no longer be read. */
  webhook: string | null;
}

const WATCH_TYPES = [WATCH_STARTED, WATCH_STOPPED];

export class WatchService implements WatchCommands {
  private readonly users = new Map<string, UserWatches>();
  private position = 0;
  private readonly newId: () => string;

  constructor(private readonly deps: WatchServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  async start(userId: string, body: unknown, now: string): Promise<{ id: string; position: number }> {
    const id = this.newId();
    // Validate before sealing, so a bad body does not make the user a key.
    const parsed = parseWatchBody(body);
    const sealedWebhook = parsed.webhook === null ? null : this.deps.personal.seal(userId, parsed.webhook, id);
    const position = this.execute({ type: 'start_watch', user: userId, watchId: id, body, time: now, sealedWebhook });
    return { id, position };
  }

  async stop(userId: string, watchId: string, now: string): Promise<void> {
    this.execute({ type: 'stop_watch', user: userId, watchId, time: now });
  }

  async list(userId: string): Promise<WatchView[]> {
    // Alerts are appended by the process runner, not through here: bring the counts up to date.
    this.deps.catchUp?.();
    return this.deps.queries.ofUserId(userId).map((row) => this.view(row));
  }

  /** One watch of the user's, or undefined (unknown or someone else's). */
  get(userId: string, watchId: string): WatchView | undefined {
    const row = this.deps.queries.byId(watchId);
    return row === undefined || row.user_id !== userId ? undefined : this.view(row);
  }

  /** Decide and append in one synchronous step, so two requests cannot both pass the limit. */
  private execute(command: WatchCommand): number {
    this.refresh();
    const state = this.users.get(command.user) ?? noWatches(command.user);
    const events = decide(command, state);
    const result = this.deps.log.appendSync(events);
    this.refresh();
    this.deps.catchUp?.();
    return result.positions[0];
  }

  /** Folds watch events appended since the last look (by anyone) into the users' states. */
  private refresh(): void {
    for (;;) {
      const page = this.deps.log.readSync({ after: this.position, limit: 1000, types: WATCH_TYPES });
      for (const { position, event } of page) {
        this.position = position;
        const user = (event.data as { user_id: string }).user_id;
        this.users.set(user, evolve(this.users.get(user) ?? noWatches(user), event));
      }
      if (page.length < 1000) {
        this.position = Math.max(this.position, this.deps.log.headSync());
        return;
      }
    }
  }

  private view(row: WatchRow): WatchView {
    let webhook: string | null = null;
    if (row.webhook !== null) webhook = this.deps.personal.open(row.user_id, row.webhook, row.watch_id) ?? REDACTED;
    return {
      id: row.watch_id, match: matchOf(row.criteria), label: row.label, webhook, status: row.status, started_at: row.started_at,
      stopped_at: row.stopped_at, spotted: row.spotted, lost: row.lost, last_alert_at: row.last_alert_at,
    };
  }
}

/** The criteria in the request body's own spelling. */
function matchOf(c: WatchCriteria): Record<string, unknown> {
  switch (c.kind) {
    case 'callsign':
      return { callsign: c.callsign };
    case 'icao':
      return { icao: c.icao };
    case 'squawk':
      return { squawk: c.squawk };
    case 'emergency':
      return { emergency: true };
    case 'area':
      return { area: { lat: c.latitude, lon: c.longitude, radius_nm: c.radius_nm, ...(c.max_altitude_ft === null ? {} : { max_altitude_ft: c.max_altitude_ft }) } };
  }
}
