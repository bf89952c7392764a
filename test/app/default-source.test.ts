import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseDefaultSource, tcpOpen } from '../../src/app/default-source.ts';
import { parseSourceSpecs } from '../../src/app/source-spec.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('default source', () => {
  it('prefers an RTL-SDR, then a Beast feed on localhost:30005, then the demo, and says why', async () => {
    const demo = () => '/x/demo.beast';
    expect(await chooseDefaultSource({ rtlSdrCount: async () => 2, tcpOpen: async () => true, demoCapture: demo })).toMatchObject({ uri: 'rtlsdr://0', name: 'rtlsdr0', reason: expect.stringContaining('2 RTL-SDR') });
    expect(await chooseDefaultSource({ rtlSdrCount: async () => 0, tcpOpen: async (h, p) => h === 'localhost' && p === 30005, demoCapture: demo })).toMatchObject({ uri: 'beast://localhost:30005', reason: expect.stringContaining('30005') });
    expect(await chooseDefaultSource({ rtlSdrCount: async () => 0, tcpOpen: async () => false, demoCapture: demo })).toMatchObject({ uri: 'demo', reason: expect.stringContaining('/x/demo.beast') });
    expect(await chooseDefaultSource({ rtlSdrCount: async () => 0, tcpOpen: async () => false, demoCapture: () => undefined })).toMatchObject({ error: expect.stringContaining('--source') });
  });

  it('probes TCP with a real connect', async () => {
    server = createServer((s) => s.end());
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    expect(await tcpOpen('127.0.0.1', port, 1000)).toBe(true);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await tcpOpen('127.0.0.1', port, 1000)).toBe(false);
  });
});

describe('--source [NAME=]URI', () => {
  it('names every source, from NAME= or the URI, and de-duplicates derived names', () => {
    const specs = parseSourceSpecs(['demo', 'roof=beast://10.0.0.5:30005', 'beast://feeder.local', 'file:///tmp/cap.beast?speed=1', 'beast://feeder.local']);
    expect(specs.map((s) => s.name)).toEqual(['demo', 'roof', 'feeder-local-30005', 'cap', 'feeder-local-30005-2']);
    expect(specs[3].config).toMatchObject({ kind: 'file', path: '/tmp/cap.beast', speed: 1 });
    expect(() => parseSourceSpecs(['a=demo', 'a=beast://x'])).toThrow(/twice/);
    expect(() => parseSourceSpecs(['gopher://x'])).toThrow(/scheme/);
  });
});
