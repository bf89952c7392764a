// The one JSON spelling of an event (CloudEvents structured mode), envelope fields in spec order.
import type { SkyledgerEvent } from './types.ts';

/** Structured-mode JSON of one event, fields in envelope order (what `events export` writes per line). */
export function structuredJson(event: SkyledgerEvent): string {
  return JSON.stringify({
    specversion: event.specversion,
    id: event.id,
    source: event.source,
    type: event.type,
    ...(event.subject === undefined ? {} : { subject: event.subject }),
    time: event.time,
    datacontenttype: event.datacontenttype,
    data: event.data,
  });
}
