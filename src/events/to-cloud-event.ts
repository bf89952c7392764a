// The `cloudevents` SDK at the edges: our plain events convert to and from its CloudEvent class so
// HTTP bindings and spec validation come from the reference implementation, not from us. Not
// re-exported from the folder's index: the SDK is loaded only by the edges that use it.
import { CloudEvent } from 'cloudevents';
import type { SkyledgerEvent } from './types.ts';
import { validateEvent, type Validation } from './validate-event.ts';

/** Throws the SDK's ValidationError when the envelope breaks the CloudEvents spec (a bug: ours are built valid). */
export function toCloudEvent(event: SkyledgerEvent): CloudEvent<SkyledgerEvent['data']> {
  return new CloudEvent<SkyledgerEvent['data']>({ ...event }, true);
}

/** Spec validation by the SDK, then our catalog's schema. */
export function fromCloudEvent(candidate: unknown): Validation {
  if (typeof candidate !== 'object' || candidate === null) return { ok: false, reason: 'not an object' };
  try {
    new CloudEvent<unknown>(candidate as Record<string, unknown>, true);
  } catch (err) {
    return { ok: false, reason: `not a CloudEvent: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  // The SDK's toJSON() rounds `time` to milliseconds, so the catalog checks the candidate itself.
  return validateEvent(candidate);
}
