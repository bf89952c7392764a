// How injectors mint an event: the envelope fields are derived, never chosen — id from the inputs,
// time from the reception time, source from the receiver's name.
import { eventId } from './event-id.ts';
import { formatMicros } from './event-time.ts';
import type { EventData, SkyledgerEvent, SkyledgerEventType } from './types.ts';

const NO_FRAME = new Uint8Array(0);

export function receiverSource(name: string): string {
  return `/receivers/${name}`;
}

export function buildEvent<T extends SkyledgerEventType>(
  type: T,
  source: string,
  subject: string | undefined,
  timeMicros: number,
  frame: Uint8Array | null,
  data: EventData<T>,
): Extract<SkyledgerEvent, { type: T }> {
  const event = {
    specversion: '1.0',
    id: eventId(source, timeMicros, frame ?? NO_FRAME, type),
    source,
    type,
    ...(subject === undefined ? {} : { subject }),
    time: formatMicros(timeMicros),
    datacontenttype: 'application/json',
    data,
  };
  return event as unknown as Extract<SkyledgerEvent, { type: T }>;
}
