// Event times travel as RFC 3339 strings with microseconds and are stored as integer microseconds
// since the epoch. Both directions cache the whole-second part, because consecutive events almost
// always fall in the same second and Date parsing/formatting dominates otherwise.

let cachedSecond = Number.NaN;
let cachedPrefix = '';

/** `1522782148136310` → `2018-04-03T19:02:28.136310Z`. */
export function formatMicros(micros: number): string {
  const second = Math.floor(micros / 1e6);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19);
  }
  const fraction = micros - second * 1e6;
  return `${cachedPrefix}.${FRACTION_PAD.slice(0, 6 - digits(fraction))}${fraction}Z`;
}

const FRACTION_PAD = '000000';

function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : 6;
}

// NaN until a first prefix is parsed (an empty prefix would match everything).
let parsedPrefix = '';
let parsedSecond = Number.NaN;

/**
 * `2018-04-03T19:02:28.136310Z` → `1522782148136310`; NaN for anything that is not exactly that
 * spelling (the log gives back only what it can store losslessly).
 */
export function parseMicros(time: string): number {
  if (time.length !== 27 || time.charCodeAt(19) !== 46 /* . */ || time.charCodeAt(26) !== 90 /* Z */) return Number.NaN;
  // startsWith, not slice + compare: no string allocated per call on the common same-second path.
  if (parsedSecond !== parsedSecond || !time.startsWith(parsedPrefix)) {
    const prefix = time.slice(0, 19);
    const ms = Date.parse(`${prefix}Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== prefix) return Number.NaN;
    parsedPrefix = prefix;
    parsedSecond = ms / 1000;
  }
  let fraction = 0;
  for (let i = 20; i < 26; i++) {
    const d = time.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    fraction = fraction * 10 + d;
  }
  return parsedSecond * 1e6 + fraction;
}

/** Seconds (possibly fractional, as frames carry them) → whole microseconds. */
export function secondsToMicros(seconds: number): number {
  return Math.round(seconds * 1e6);
}
