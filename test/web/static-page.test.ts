import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TILE_URL, registerStaticPage } from '../../src/api/static-page.ts';

describe('static page', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function serve(options: Parameters<typeof registerStaticPage>[1]): Promise<FastifyInstance> {
    const app = Fastify();
    registerStaticPage(app, options);
    await app.ready();
    cleanups.push(() => app.close());
    return app;
  }

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'skyledger-web-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('serves the bundle at / with its content types and says where the receiver is', async () => {
    const dist = await tempDir();
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>skyledger</title>');
    await writeFile(path.join(dist, 'app.js'), 'console.log(1)');
    const app = await serve({ distDir: dist, receiver: { lat: 50.1, lon: 8.7 }, tileUrl: '' });

    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>skyledger</title>');
    const js = await app.inject('/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('no-cache');
    expect((await app.inject('/page-config.json')).json()).toEqual({ receiver: { lat: 50.1, lon: 8.7 }, tile_url: '' });
    // Only the bundle's own files: no path walks out of it.
    expect((await app.inject('/../package.json')).statusCode).toBe(404);
    expect((await app.inject('/app.css')).statusCode).toBe(404);
  });

  it('offers OpenStreetMap tiles and no receiver by default', async () => {
    const saved = process.env.SKYLEDGER_TILE_URL;
    delete process.env.SKYLEDGER_TILE_URL;
    cleanups.push(async () => {
      if (saved !== undefined) process.env.SKYLEDGER_TILE_URL = saved;
    });
    const app = await serve({ distDir: await tempDir() });
    expect((await app.inject('/page-config.json')).json()).toEqual({ receiver: null, tile_url: DEFAULT_TILE_URL });
  });

  it('builds a missing bundle on the first request', async () => {
    const dist = path.join(await tempDir(), 'dist');
    const app = await serve({ distDir: dist });
    const [page, js] = await Promise.all([app.inject('/'), app.inject('/app.js')]);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script src="app.js"></script>');
    expect(js.statusCode).toBe(200);
    expect(js.body.length).toBeGreaterThan(50_000);
    const css = await app.inject('/app.css');
    expect(css.body).toContain('.leaflet-container');
  });
});
