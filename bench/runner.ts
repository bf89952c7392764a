// Discovers bench/*.bench.ts files; each exports `run(): AsyncIterable<BenchFigure> | Promise<BenchFigure[]>`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchFigure {
  bench: string;
  value: number;
  unit: string;
  peer?: string;
  peer_value?: number;
  ratio?: number;
  [extra: string]: unknown;
}

export type BenchModule = { run: () => Promise<BenchFigure[]> | AsyncIterable<BenchFigure> };

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function figure(bench: string, value: number, unit: string, peer?: string, peerValue?: number, extra: Record<string, unknown> = {}): BenchFigure {
  const out: BenchFigure = { bench, value: round(value), unit };
  if (peer !== undefined && peerValue !== undefined) {
    out.peer = peer;
    out.peer_value = round(peerValue);
    out.ratio = peerValue === 0 ? null as unknown as number : round(value / peerValue);
  }
  return Object.assign(out, extra);
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

export async function runBenchmarks(names: string[]): Promise<number> {
  const available = readdirSync(HERE).filter((f) => f.endsWith('.bench.ts')).map((f) => f.slice(0, -'.bench.ts'.length)).sort();
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    return 2;
  }
  let failed = 0;
  for (const name of names.length > 0 ? names : available) {
    try {
      const mod = (await import(pathToFileURL(path.join(HERE, `${name}.bench.ts`)).href)) as BenchModule;
      const result = mod.run();
      const figures = Symbol.asyncIterator in result ? result : await result;
      for await (const f of figures as AsyncIterable<BenchFigure>) process.stdout.write(`${JSON.stringify(f)}\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`${JSON.stringify({ bench: name, error: err instanceof Error ? err.message : String(err) })}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}
