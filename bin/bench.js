#!/usr/bin/env node
// `npm run bench [-- NAME...]`: runs bench/<NAME>.bench.ts (all by default) and prints one JSON line
// per figure, each beside the peer measured in the same run.
import { register } from 'tsx/esm/api';

register();
const { runBenchmarks } = await import('../bench/runner.ts');
process.exitCode = await runBenchmarks(process.argv.slice(2));
