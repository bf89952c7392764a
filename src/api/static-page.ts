// The web map at `/`: the page esbuild bundled into web/dist (see web/build.ts), and
// `/page-config.json` telling it what only the server knows: the receiver position (rings, range
// column) and the map tile URL (`SKYLEDGER_TILE_URL`; empty means no tiles, just the grid).
// A missing bundle (an install with --ignore-scripts) is built on the first request.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildPage, DIST_DIR } from '../../web/build.ts';

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export interface StaticPageOptions {
  receiver?: { lat: number; lon: number };
  /** `{z}/{x}/{y}` URL; '' = tiles off. Default SKYLEDGER_TILE_URL, else OpenStreetMap. */
  tileUrl?: string;
  distDir?: string;
  /** Builds the page when the bundle is missing (default true). */
  buildWhenMissing?: boolean;
}

const FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
  '/app.js.map': 'app.js.map',
  '/app.css.map': 'app.css.map',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function registerStaticPage(app: FastifyInstance, options: StaticPageOptions = {}): void {
  const dist = options.distDir ?? DIST_DIR;
  const tileUrl = options.tileUrl ?? process.env.SKYLEDGER_TILE_URL ?? DEFAULT_TILE_URL;
  let building: Promise<void> | undefined;

  // Only a bundle without its index.html counts as missing: a single absent file is a 404.
  const ensureBuilt = async (): Promise<void> => {
    if (options.buildWhenMissing === false || existsSync(path.join(dist, 'index.html'))) return;
    building ??= buildPage(dist).finally(() => (building = undefined));
    await building;
  };
  const read = async (name: string): Promise<Buffer> => {
    await ensureBuilt();
    return readFile(path.join(dist, name));
  };

  for (const [route, name] of Object.entries(FILES)) {
    app.get(route, async (request, reply) => {
      let body: Buffer;
      try {
        body = await read(name);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return reply.code(404).send({ error: 'not_found', message: `${name} is not in the page bundle` });
        }
        request.log.error({ err }, 'web map unavailable');
        return reply.code(503).send({ error: 'page_unavailable', message: 'the web map could not be built; run npm run build:web' });
      }
      // The bundle's names do not change between builds: revalidate instead of caching blindly.
      reply.header('cache-control', 'no-cache');
      reply.header('content-type', TYPES[path.extname(name)]);
      return reply.send(body);
    });
  }

  app.get('/page-config.json', async () => ({
    receiver: options.receiver ?? null,
    tile_url: tileUrl,
  }));
}
