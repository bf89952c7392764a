// The AsyncAPI 3 description of the catalog: one channel and one message per event type, with the
// components that produce (send) and consume (receive) it as operations.
import { EVENT_CATALOG } from './catalog.ts';

export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const entry of EVENT_CATALOG) {
    const key = entry.name.replace(/\./g, '_');
    messages[key] = {
      name: entry.type,
      title: entry.name,
      summary: (entry.schema as { description?: string }).description,
      contentType: 'application/cloudevents+json',
      payload: { $ref: `./schemas/${entry.name}.json` },
    };
    channels[key] = {
      address: entry.type,
      description: `Events of type ${entry.type} in the skyledger event log (NATS subject or SQLite type reference).`,
      messages: { [key]: { $ref: `#/components/messages/${key}` } },
    };
    for (const producer of entry.producers) {
      operations[`${opName(producer)}_sends_${key}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${key}` },
        summary: `${producer} appends ${entry.name}`,
        'x-component': producer,
      };
    }
    for (const consumer of entry.consumers) {
      operations[`${opName(consumer)}_receives_${key}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${key}` },
        summary: `${consumer} consumes ${entry.name}`,
        'x-component': consumer,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'skyledger events',
      version: '1.0.0',
      description: 'The immutable CloudEvents (JSON structured mode) in the skyledger event log. Generated from src/events by `npm run docs:events`; do not edit.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}

function opName(component: string): string {
  return component.replace(/[^a-z0-9]+/gi, '_');
}
