// The envelope every skyledger event wears: CloudEvents 1.0 in JSON structured mode, narrowed so
// that `type` is a literal and `data` its payload (DESIGN §3).

export interface CloudEventOf<T extends string, D> {
  specversion: '1.0';
  /** Deterministic UUID (see `eventId`). */
  id: string;
  /** `/receivers/<name>` or `/users/<id>`. */
  source: string;
  type: T;
  /** ICAO address (6 upper-case hex digits) for aircraft events; the watch id for watch events. */
  subject?: string;
  /** RFC 3339 UTC with microseconds, e.g. `2018-04-03T19:02:28.136310Z`. */
  time: string;
  datacontenttype: 'application/json';
  data: D;
}
