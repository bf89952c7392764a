// The files under docs/events/, as path → content, so the generator script writes them and a test
// compares them without either duplicating the layout.
import { asyncApiDocument } from './asyncapi.ts';
import { EVENT_CATALOG } from './catalog.ts';

export function generatedEventDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of EVENT_CATALOG) files.set(`schemas/${entry.name}.json`, `${JSON.stringify(entry.schema, null, 2)}\n`);
  files.set('asyncapi.json', `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
  files.set('README.md', catalogMarkdown());
  return files;
}

function catalogMarkdown(): string {
  const lines = [
    '# skyledger event catalog',
    '',
    'Generated from `src/events` by `npm run docs:events`; do not edit (a test fails when it is stale).',
    '',
    'Every event is a CloudEvents 1.0 envelope in JSON structured mode: `id` a deterministic UUID (v5 layout)',
    'of source, reception time, frame bytes and type; `time` RFC 3339 UTC with microseconds; `subject` the',
    'ICAO address (6 upper-case hex digits) for aircraft events. A changed schema is a new type (`…v2`).',
    '',
    '| type | schema | data fields | producers | consumers |',
    '|---|---|---|---|---|',
  ];
  for (const e of EVENT_CATALOG) {
    const data = ((e.schema as { properties: { data: { properties: Record<string, unknown>; required: string[] } } }).properties.data);
    const fields = Object.keys(data.properties).map((k) => (data.required.includes(k) ? k : `${k}?`)).join(', ');
    lines.push(`| \`${e.type}\` | [schema](schemas/${e.name}.json) | ${fields} | ${e.producers.join(', ')} | ${e.consumers.join(', ')} |`);
  }
  lines.push('', 'Channels, producers (send) and consumers (receive) as AsyncAPI 3: [asyncapi.json](asyncapi.json).', '');
  return lines.join('\n');
}
