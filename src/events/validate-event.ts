// Validation at the edges (import, API): the type's JSON Schema, then the rules a schema cannot say
// (an aircraft event's data names the same aircraft as its subject). A bad event is a reason, not a throw.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { EVENT_SCHEMAS } from './schemas.ts';
import type { SkyledgerEvent, SkyledgerEventType } from './types.ts';

export type Validation =
  | { ok: true; event: SkyledgerEvent }
  | { ok: false; reason: string };

// Compiled on first use: the CLI's start-up (and every replay) should not pay for schemas it never checks.
let compiled: Map<string, ValidateFunction> | undefined;

function validators(): Map<string, ValidateFunction> {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
    compiled = new Map(Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]));
  }
  return compiled;
}

export function isKnownType(type: string): type is SkyledgerEventType {
  return Object.hasOwn(EVENT_SCHEMAS, type);
}

export function validateEvent(candidate: unknown): Validation {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return { ok: false, reason: 'not an object' };
  const type = (candidate as { type?: unknown }).type;
  if (typeof type !== 'string') return { ok: false, reason: 'missing type' };
  const validate = validators().get(type);
  if (validate === undefined) return { ok: false, reason: `unknown type ${type}` };
  if (!validate(candidate)) return { ok: false, reason: describe(validate.errors) };
  const event = candidate as SkyledgerEvent;
  const data = event.data as { icao_address?: string };
  if (data.icao_address !== undefined && data.icao_address !== event.subject) {
    return { ok: false, reason: 'data.icao_address differs from subject' };
  }
  return { ok: true, event };
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (e === undefined) return 'invalid';
  return `${e.instancePath || '/'} ${e.message ?? 'invalid'}`;
}
