// A quantity that changes piecewise-linearly with time (a speed schedule, an altitude schedule):
// knots (t, value), straight lines between them, held constant before the first and after the
// last. Its integral is exact, which is how distance flown follows from a speed schedule.

export class Profile {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  /** Integral of the value from the first knot to knot i. */
  private readonly cumulative: Float64Array;

  /** Knots as [t, value] pairs; times must not decrease. */
  constructor(knots: ReadonlyArray<readonly [number, number]>) {
    if (knots.length === 0) throw new Error('a profile needs at least one knot');
    this.times = Float64Array.from(knots, (k) => k[0]);
    this.values = Float64Array.from(knots, (k) => k[1]);
    this.cumulative = new Float64Array(knots.length);
    for (let i = 1; i < knots.length; i++) {
      if (this.times[i] < this.times[i - 1]) throw new Error('profile knots must be in time order');
      this.cumulative[i] = this.cumulative[i - 1] + ((this.values[i] + this.values[i - 1]) / 2) * (this.times[i] - this.times[i - 1]);
    }
  }

  static constant(value: number): Profile {
    return new Profile([[0, value]]);
  }

  /** Index of the last knot at or before t, or -1 before the first. */
  private segment(t: number): number {
    const times = this.times;
    if (t < times[0]) return -1;
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (times[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  valueAt(t: number): number {
    const i = this.segment(t);
    if (i < 0) return this.values[0];
    if (i === this.times.length - 1) return this.values[i];
    const f = (t - this.times[i]) / (this.times[i + 1] - this.times[i]);
    return this.values[i] + f * (this.values[i + 1] - this.values[i]);
  }

  /** Rate of change per second at t (0 where the profile is held constant). */
  slopeAt(t: number): number {
    const i = this.segment(t);
    if (i < 0 || i === this.times.length - 1) return 0;
    return (this.values[i + 1] - this.values[i]) / (this.times[i + 1] - this.times[i]);
  }

  /** ∫ value dt from the first knot's time to t (negative before it). */
  integralTo(t: number): number {
    const i = this.segment(t);
    if (i < 0) return this.values[0] * (t - this.times[0]);
    const v = this.valueAt(t);
    return this.cumulative[i] + ((this.values[i] + v) / 2) * (t - this.times[i]);
  }
}
