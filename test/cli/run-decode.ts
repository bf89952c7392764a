// `skyledger decode` as the tests drive it: in process through runDecode, or as the real entry
// point in a child process; either way the exit code, both streams and the JSON lines printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runDecode, type DecodeRunOptions } from '../../src/cli/commands/decode.ts';
import { REPO } from '../helpers/shared.ts';

export interface DecodeOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  records: Record<string, unknown>[];
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** runDecode on `chunks` as its input. */
export async function decodeInProcess(chunks: Iterable<Uint8Array>, options?: DecodeRunOptions): Promise<DecodeOutput> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await runDecode(Readable.from(chunks), out, err, options);
  return { code, stdout, stderr, records: jsonLines(stdout) };
}

/** `node bin/skyledger.js ...args` in the repository, with `stdin` (if any) as its standard input. */
export function runSkyledger(args: string[], stdin?: string): Promise<DecodeOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/skyledger.js'), ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, records: jsonLines(stdout) }));
    child.stdin.end(stdin);
  });
}
