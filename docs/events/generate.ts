// `npm run docs:events`: writes the catalog's JSON Schemas and AsyncAPI document next to this file.
// test/events/docs.test.ts fails when what is here differs from what the code would write.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedEventDocs } from '../../src/events/index.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
for (const [relative, content] of generatedEventDocs()) {
  const target = path.join(HERE, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  process.stdout.write(`wrote docs/events/${relative}\n`);
}
