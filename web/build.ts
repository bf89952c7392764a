// Bundles the web map into web/dist (index.html, app.js, app.css) with esbuild: Leaflet and its CSS
// go into the bundle, so the page loads nothing from the internet. `npm install` runs this
// (`prepare`); `skyledger serve` runs it too when web/dist is missing (an install with
// --ignore-scripts).
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = path.join(WEB_DIR, 'dist');

export async function buildPage(outdir: string = DIST_DIR): Promise<void> {
  const { build } = await import('esbuild');
  // Build beside the target and swap, so a server never serves a half-written bundle.
  const staging = `${outdir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await build({
    entryPoints: { app: path.join(WEB_DIR, 'src/main.ts') },
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: staging,
    // Leaflet's CSS names a few images; inline them.
    loader: { '.png': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'warning',
  });
  await copyFile(path.join(WEB_DIR, 'index.html'), path.join(staging, 'index.html'));
  await rm(outdir, { recursive: true, force: true });
  await rename(staging, outdir);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildPage().then(
    () => process.stdout.write(`web map built in ${path.relative(process.cwd(), DIST_DIR) || DIST_DIR}\n`),
    (err: unknown) => {
      process.stderr.write(`web map build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
