// `GET /api/events`: the log itself, paged by position. Each event is the structured-mode
// CloudEvent with its log position as the extension attribute `position` (as on the WebSocket);
// `next_after` is what to pass as `after` for the next page.
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../app/command-errors.ts';
import { EVENT_CATALOG } from '../events/index.ts';
import type { EventLog } from '../store/event-log.ts';
import { readAccess } from './request-auth.ts';
import type { Authenticator } from './tokens.ts';

export interface EventRouteDeps {
  log: EventLog;
  authenticator: Authenticator;
  readTokenRequired: boolean;
}

export const MAX_EVENTS_PAGE = 1000;
const PREFIX = 'org.skyledger.';

/** `position_reported`, `position_reported.v1` or the full type; unversioned names mean every known version. */
export function expandEventTypes(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(',')) {
    const name = part.trim();
    const short = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
    if (!/^[a-z][a-z0-9_]*(\.v[1-9]\d*)?$/.test(short)) throw new ValidationError('type', `"${name}" is not an event type name (e.g. position_reported or position_reported.v1)`);
    if (/\.v\d+$/.test(short)) out.add(PREFIX + short);
    else {
      const versions = EVENT_CATALOG.filter((e) => e.name.replace(/\.v\d+$/, '') === short);
      if (versions.length === 0) throw new ValidationError('type', `"${name}" is not a known event type; give its version (e.g. ${short}.v1)`);
      for (const v of versions) out.add(v.type);
    }
  }
  return [...out];
}

export function registerEventRoutes(app: FastifyInstance, deps: EventRouteDeps): void {
  app.get('/api/events', {
    onRequest: readAccess(deps.authenticator, deps.readTokenRequired),
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          after: { type: 'integer', minimum: 0, default: 0 },
          limit: { type: 'integer', minimum: 1, maximum: MAX_EVENTS_PAGE, default: 100 },
          type: { type: 'string', minLength: 1, maxLength: 1000 },
          subject: { type: 'string', minLength: 1, maxLength: 128 },
          token: { type: 'string', maxLength: 256 },
        },
      },
    },
  }, async (request) => {
    const q = request.query as { after: number; limit: number; type?: string; subject?: string };
    const types = q.type === undefined ? undefined : expandEventTypes(q.type);
    const subject = q.subject === undefined ? undefined : /^[0-9a-f]{6}$/i.test(q.subject) ? q.subject.toUpperCase() : q.subject;
    const [page, head] = await Promise.all([deps.log.read({ after: q.after, limit: q.limit, types, subject }), deps.log.head()]);
    const events = page.map((e) => ({ ...e.event, position: e.position }));
    return { events, next_after: page.length > 0 ? page[page.length - 1].position : q.after, head };
  });
}
