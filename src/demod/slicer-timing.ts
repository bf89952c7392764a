// Where the preamble pulses and the data chips of a Mode S reply fall on the sample grid, for each
// supported sample rate and each sub-sample phase. Everything is measured in "units" of
// 1/phases of a sample, chosen so that every chip edge (multiples of 0.5 µs) lands on a unit:
// 2.4 MSPS → 5 phases, a 0.5 µs chip is 6 units; 2.0 MSPS → 4 phases, a chip is 4 units.
// A sample n is treated as the average of the signal over [n, n+1), which is what the dongle's
// anti-alias filter and our modulator approximate, so a window's energy is the overlap-weighted
// sum of the samples it covers. All weights are small integers: the slicer does integer sums.

export const SUPPORTED_IQ_RATES = [2_400_000, 2_000_000] as const;
export type IqRate = (typeof SUPPORTED_IQ_RATES)[number];

export function isSupportedIqRate(rate: number): rate is IqRate {
  return rate === 2_400_000 || rate === 2_000_000;
}

/** Up to 4 samples fall into one 1 µs bit window at 2.4 MSPS (2.4 samples + a partial one). */
export const WEIGHTS_PER_BIT = 4;
export const MAX_BITS = 112;
/** The four preamble pulses at 0, 1, 3.5 and 4.5 µs, in 0.5 µs chips. */
const PULSE_CHIPS = [0, 2, 7, 9];
const DATA_START_CHIP = 16;
/** A preamble chip covers at most 2 samples (1.2 samples starting on a 0.2 boundary, or 1 on 0.25). */
export const WEIGHTS_PER_CHIP = 2;

export interface SlicerTiming {
  readonly rate: IqRate;
  readonly phases: number;
  /** Units per 0.5 µs chip. */
  readonly chipUnits: number;
  /** 12 MHz ticks per sample (5 at 2.4 MSPS, 6 at 2.0 MSPS). */
  readonly ticksPerSample: number;
  /** Samples a whole long frame (preamble + 112 bits) spans from its candidate sample, plus slack. */
  readonly lookahead: number;
  /** Samples from the candidate to the end of a short / long frame (where the next search resumes). */
  readonly shortSpan: number;
  readonly longSpan: number;
  /** Per phase and bit: first sample offset from the candidate, and the weights of the first and second half. */
  readonly bitOffset: Int32Array;
  readonly bitFirst: Int32Array;
  readonly bitSecond: Int32Array;
  /** bitFirst − bitSecond: the bit is 1 when the weighted sum is positive. */
  readonly bitDifference: Int32Array;
  /** Per phase and preamble pulse: first sample offset and weights. */
  readonly pulseOffset: Int32Array;
  readonly pulseWeight: Int32Array;
  /**
   * Per phase, the whole 8 µs preamble window [0, 16 chips) as prefix-sum bounds (full samples
   * from `totalFrom` to `totalTo`, weighted `phases`) plus a partial head and tail sample. The
   * quiet chips' energy is this total minus the pulses', which costs O(1) instead of 12 windows.
   */
  readonly totalFrom: Int32Array;
  readonly totalTo: Int32Array;
  readonly totalHead: Int32Array;
  readonly totalHeadWeight: Int32Array;
  readonly totalTail: Int32Array;
  readonly totalTailWeight: Int32Array;
  /** The cheap screen: three-sample sums starting at these offsets (pulse 2, pulse 3, quiet gap). */
  readonly screenA: number;
  readonly screenB: number;
  readonly screenQuiet: number;
}

const cache = new Map<IqRate, SlicerTiming>();

export function slicerTiming(rate: IqRate): SlicerTiming {
  let timing = cache.get(rate);
  if (timing === undefined) {
    timing = buildTiming(rate);
    cache.set(rate, timing);
  }
  return timing;
}

/** Overlap-weights of the window [start, start + length) units onto `count` samples from `first`. */
function windowWeights(start: number, length: number, phases: number, first: number, out: Int32Array, at: number, count: number): void {
  for (let j = 0; j < count; j++) {
    const lo = (first + j) * phases;
    const hi = lo + phases;
    const overlap = Math.min(hi, start + length) - Math.max(lo, start);
    out[at + j] = overlap > 0 ? overlap : 0;
  }
}

function buildTiming(rate: IqRate): SlicerTiming {
  const phases = rate === 2_400_000 ? 5 : 4;
  const chipUnits = rate === 2_400_000 ? 6 : 4;
  const ticksPerSample = rate === 2_400_000 ? 5 : 6;
  const bitOffset = new Int32Array(phases * MAX_BITS);
  const bitFirst = new Int32Array(phases * MAX_BITS * WEIGHTS_PER_BIT);
  const bitSecond = new Int32Array(phases * MAX_BITS * WEIGHTS_PER_BIT);
  for (let p = 0; p < phases; p++) {
    for (let k = 0; k < MAX_BITS; k++) {
      const start = p + (DATA_START_CHIP + 2 * k) * chipUnits;
      const first = Math.floor(start / phases);
      const slot = p * MAX_BITS + k;
      bitOffset[slot] = first;
      windowWeights(start, chipUnits, phases, first, bitFirst, slot * WEIGHTS_PER_BIT, WEIGHTS_PER_BIT);
      windowWeights(start + chipUnits, chipUnits, phases, first, bitSecond, slot * WEIGHTS_PER_BIT, WEIGHTS_PER_BIT);
    }
  }
  const chipTable = (chips: number[]): { offset: Int32Array; weight: Int32Array } => {
    const offset = new Int32Array(phases * chips.length);
    const weight = new Int32Array(phases * chips.length * WEIGHTS_PER_CHIP);
    for (let p = 0; p < phases; p++) {
      chips.forEach((chip, c) => {
        const start = p + chip * chipUnits;
        const first = Math.floor(start / phases);
        const slot = p * chips.length + c;
        offset[slot] = first;
        windowWeights(start, chipUnits, phases, first, weight, slot * WEIGHTS_PER_CHIP, WEIGHTS_PER_CHIP);
      });
    }
    return { offset, weight };
  };
  const pulses = chipTable(PULSE_CHIPS);
  const totalFrom = new Int32Array(phases);
  const totalTo = new Int32Array(phases);
  const totalHead = new Int32Array(phases);
  const totalHeadWeight = new Int32Array(phases);
  const totalTail = new Int32Array(phases);
  const totalTailWeight = new Int32Array(phases);
  for (let p = 0; p < phases; p++) {
    const start = p;
    const end = p + DATA_START_CHIP * chipUnits;
    totalHead[p] = Math.floor(start / phases);
    totalHeadWeight[p] = start % phases === 0 ? 0 : phases - (start % phases);
    totalFrom[p] = Math.ceil(start / phases);
    totalTo[p] = Math.floor(end / phases);
    totalTail[p] = Math.floor(end / phases);
    totalTailWeight[p] = end % phases;
  }
  const span = (bits: number): number => Math.ceil(((DATA_START_CHIP + 2 * bits) * chipUnits) / phases);
  return {
    rate,
    phases,
    chipUnits,
    ticksPerSample,
    lookahead: span(MAX_BITS) + 2 + WEIGHTS_PER_BIT,
    shortSpan: span(56),
    longSpan: span(112),
    bitOffset,
    bitFirst,
    bitSecond,
    bitDifference: bitFirst.map((w, k) => w - bitSecond[k]),
    pulseOffset: pulses.offset,
    pulseWeight: pulses.weight,
    totalFrom,
    totalTo,
    totalHead,
    totalHeadWeight,
    totalTail,
    totalTailWeight,
    // Sample windows that hold pulse 2, pulse 3 and a stretch of the 3.5 µs gap whatever the phase.
    screenA: rate === 2_400_000 ? 2 : 1,
    screenB: rate === 2_400_000 ? 8 : 7,
    screenQuiet: rate === 2_400_000 ? 5 : 4,
  };
}
