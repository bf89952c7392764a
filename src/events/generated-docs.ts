// The files under docs/events/, as path → content, so the generator script writes them and a test
// compares them without either duplicating the layout.
import { asyncApiDocument } from './asyncapi.ts';
import { EVENT_CATALOG } from './catalog.ts';

export function generatedEventDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of EVENT_CATALOG) files.set(`schemas/${entry.name}.json`, `${JSON.stringify(entry.schema, null, 2)}\n`);
  files.set('asyncapi.json', `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
  return files;
}
