// Altitude → marker colour, the scale tar1090 users know: ground grey, then orange at the surface
// through green and blue to magenta at 40,000 ft and above. Pure: also used by the unit tests.

export const GROUND_COLOUR = '#8a8a8a';
export const UNKNOWN_COLOUR = '#b0b0b0';

/** Hue stops (feet → degrees); linear between them. */
const STOPS: ReadonlyArray<readonly [number, number]> = [
  [0, 20],
  [2_000, 32],
  [4_000, 43],
  [6_000, 54],
  [8_000, 72],
  [9_000, 85],
  [11_000, 140],
  [40_000, 300],
];

export function altitudeHue(altitudeFt: number): number {
  if (altitudeFt <= STOPS[0][0]) return STOPS[0][1];
  for (let i = 1; i < STOPS.length; i++) {
    const [a1, h1] = STOPS[i];
    if (altitudeFt <= a1) {
      const [a0, h0] = STOPS[i - 1];
      return h0 + ((altitudeFt - a0) / (a1 - a0)) * (h1 - h0);
    }
  }
  return STOPS[STOPS.length - 1][1];
}

export function altitudeColour(altitudeFt: number | null, onGround: boolean | null): string {
  if (onGround === true) return GROUND_COLOUR;
  if (altitudeFt === null || !Number.isFinite(altitudeFt)) return UNKNOWN_COLOUR;
  return `hsl(${Math.round(altitudeHue(altitudeFt))}, 85%, 45%)`;
}

/** Legend entries for the key under the map. */
export const ALTITUDE_LEGEND: ReadonlyArray<number> = [0, 2_000, 5_000, 10_000, 20_000, 30_000, 40_000];
