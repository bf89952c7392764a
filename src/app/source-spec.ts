// `--source [NAME=]URI`: every source has a name, which becomes its events' `source`
// (`/receivers/<name>`) and its entry in /health and /metrics. Without `NAME=` the name comes from
// the URI (demo, rtlsdr0, host-port, the file's base name); repeated names get -2, -3, ….
import path from 'node:path';
import { parseSourceUri, type SourceConfig } from '../sources/uri.ts';

export interface SourceSpec {
  name: string;
  uri: string;
  config: SourceConfig;
}

const NAME = /^([A-Za-z0-9][A-Za-z0-9_-]{0,31})=(.+)$/;

export function parseSourceSpecs(args: readonly string[]): SourceSpec[] {
  const taken = new Set<string>();
  return args.map((arg) => {
    const m = NAME.exec(arg);
    const uri = m ? m[2] : arg;
    const config = parseSourceUri(uri);
    let name = m ? m[1] : nameOf(config);
    if (taken.has(name)) {
      if (m) throw new Error(`source name "${name}" is used twice`);
      let n = 2;
      while (taken.has(`${name}-${n}`)) n++;
      name = `${name}-${n}`;
    }
    taken.add(name);
    return { name, uri, config };
  });
}

function nameOf(c: SourceConfig): string {
  switch (c.kind) {
    case 'demo':
      return 'demo';
    case 'rtlsdr':
      return `rtlsdr${c.index}`;
    case 'rtltcp':
    case 'tcp':
      return clean(`${c.host}-${c.port}`);
    case 'serial':
    case 'file':
    case 'iq-file':
      return clean(path.basename(c.path).replace(/\.(gz|beast|avr|ndjson|bin|iq|cu8|raw)+$/gi, '')) || 'file';
  }
}

function clean(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).toLowerCase() || 'receiver';
}
