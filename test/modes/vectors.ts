// Published upstream test vectors (../shared/upstream/vectors.json), read through the shared helper.
import { readShared } from '../helpers/shared.ts';

export interface Vector {
  id: string;
  category: string;
  msg?: string;
  ac12?: number;
  ac13?: number;
  ac13_derived?: number;
  id13?: number;
  msgs?: Array<{ msg: string; t?: number | string; cpr_format?: number }>;
  reference?: Record<string, unknown>;
  expect: Record<string, unknown>;
  notes?: string;
}

export const VECTORS_FILE = 'vectors.json';

let cached: Vector[] | undefined;

export function vectors(category: string): Vector[] {
  cached ??= (JSON.parse(readShared(VECTORS_FILE).toString('utf8')) as { vectors: Vector[] }).vectors;
  return cached.filter((v) => v.category === category);
}
