// Compares a vector's `expect` object with what our decoder observed, key by key, with the
// vector's tolerances (absolute, or relative for keys ending in `_rel`). Every expected key must
// be either compared or accounted for with a reason, so nothing published is silently ignored.

export interface KeyOutcome {
  key: string;
  expected: unknown;
  observed: unknown;
  ok: boolean;
  how: string;
}

export interface ExpectationReport {
  compared: KeyOutcome[];
  accounted: Record<string, string>;
  /** Expected keys with neither an observed value nor an accounting: a harness defect. */
  unhandled: string[];
}

/** `null` in a vector means "not available": our decoder says so with undefined or NaN. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value));
}

export function withinTolerance(observed: unknown, expected: unknown, key: string, tolerance: Record<string, number> = {}): { ok: boolean; how: string } {
  if (expected === null) return { ok: isAbsent(observed), how: 'absent' };
  if (typeof expected === 'number' && typeof observed === 'number') {
    const abs = tolerance[key];
    const rel = tolerance[`${key}_rel`];
    const diff = Math.abs(observed - expected);
    if (abs !== undefined) return { ok: diff <= abs, how: `|Δ|≤${abs}` };
    if (rel !== undefined) return { ok: diff <= rel * Math.abs(expected), how: `|Δ|≤${rel}·|x|` };
    return { ok: observed === expected, how: 'exact' };
  }
  return { ok: JSON.stringify(observed) === JSON.stringify(expected), how: 'equal' };
}

export function checkExpectation(
  expect: Record<string, unknown>,
  observed: Record<string, unknown>,
  tolerance: Record<string, number> | undefined,
  accounted: Record<string, string>,
): ExpectationReport {
  const report: ExpectationReport = { compared: [], accounted: {}, unhandled: [] };
  for (const [key, expected] of Object.entries(expect)) {
    if (key in accounted) {
      report.accounted[key] = accounted[key];
      continue;
    }
    if (!(key in observed)) {
      report.unhandled.push(key);
      continue;
    }
    const { ok, how } = withinTolerance(observed[key], expected, key, tolerance);
    report.compared.push({ key, expected, observed: observed[key], ok, how });
  }
  return report;
}

/** One line per failed key, naming the values, for the assertion message. */
export function describeFailures(id: string, report: ExpectationReport): string {
  const lines = report.compared.filter((c) => !c.ok).map((c) => `${id}: ${c.key} expected ${JSON.stringify(c.expected)} (${c.how}) got ${JSON.stringify(c.observed)}`);
  for (const key of report.unhandled) lines.push(`${id}: ${key} neither observed nor accounted for`);
  return lines.join('\n');
}
