// Writes a reproducible RTL-SDR capture (u8 interleaved I/Q) from the project's own modulator, and
// its truth: one line per frame, `<12 MHz ticks of the preamble start> <hex>`.
//   npx tsx scripts/make-iq-fixture.ts --out fixtures/sample-2400k.iq [--rate 2400000] [--snr 20] [--seed 2400] [--frames 200]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bytesToHex } from '../src/modes/message.ts';
import { isSupportedIqRate, modulate, seededRandom, syntheticTraffic } from '../src/demod/index.ts';

export interface IqFixture {
  iq: Uint8Array;
  truth: string;
}

export function makeIqFixture(rate: number, snrDb: number, seed: number, frames: number): IqFixture {
  const random = seededRandom(seed);
  const traffic = syntheticTraffic(random, { rate, frames });
  const iq = modulate(traffic.frames, traffic.totalSamples, { rate, snrDb, random });
  const ticks = 12e6 / rate;
  const lines = [
    `# skyledger modulator capture: u8 I/Q, ${rate} samples/s, SNR ${snrDb} dB, seed ${seed}, ${frames} frames, ${traffic.totalSamples} samples`,
    '# <12 MHz ticks from the first sample to the preamble start> <frame hex>',
    ...traffic.frames.map((f) => `${Math.round(f.atSample * ticks)} ${bytesToHex(f.bytes)}`),
  ];
  return { iq, truth: `${lines.join('\n')}\n` };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      rate: { type: 'string', default: '2400000' },
      snr: { type: 'string', default: '20' },
      seed: { type: 'string', default: '2400' },
      frames: { type: 'string', default: '200' },
    },
  });
  const rate = Number(values.rate);
  if (values.out === undefined || !isSupportedIqRate(rate)) {
    process.stderr.write('usage: make-iq-fixture --out FILE.iq [--rate 2400000|2000000] [--snr DB] [--seed N] [--frames N]\n');
    process.exitCode = 2;
    return;
  }
  const fixture = makeIqFixture(rate, Number(values.snr), Number(values.seed), Number(values.frames));
  writeFileSync(values.out, fixture.iq);
  const truthFile = values.out.replace(/\.iq$/, '') + '.truth.txt';
  writeFileSync(truthFile, fixture.truth);
  process.stderr.write(`wrote ${values.out} (${fixture.iq.length} bytes) and ${truthFile}\n`);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
