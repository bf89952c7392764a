// The one place where a kind of failure becomes an HTTP status and a JSON body. Errors are matched
// by name as well as by class, so a module that defines its own `ValidationError` maps the same.
import type { FastifyError } from 'fastify';

export interface ErrorReply {
  status: number;
  body: { error: string; message: string; field?: string };
  headers?: Record<string, string>;
}

interface AjvIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

export function errorReply(err: unknown): ErrorReply {
  const e = err as Partial<FastifyError> & { name?: string; field?: string; kind?: string; retryAfterSeconds?: number; validation?: AjvIssue[]; validationContext?: string };
  if (Array.isArray(e.validation) && e.validation.length > 0) return schemaFailure(e.validation[0], e.validationContext);
  switch (e.name) {
    case 'ValidationError':
      return { status: 400, body: { error: 'bad_request', message: String(e.message), ...(e.field ? { field: e.field } : {}) } };
    case 'UnauthorizedError':
      return { status: 401, body: { error: 'unauthorized', message: String(e.message) }, headers: { 'www-authenticate': 'Bearer realm="skyledger"' } };
    case 'NotFoundError':
      return { status: 404, body: { error: 'not_found', message: String(e.message) } };
    case 'LimitError':
      return e.kind === 'rate'
        ? { status: 429, body: { error: 'too_many_requests', message: String(e.message) }, ...(e.retryAfterSeconds ? { headers: { 'retry-after': String(Math.ceil(e.retryAfterSeconds)) } } : {}) }
        : { status: 409, body: { error: 'conflict', message: String(e.message) } };
  }
  // Fastify's own client errors (bad JSON body, body too large, unsupported media type).
  const code = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (code >= 400 && code < 500) return { status: code, body: { error: code === 413 ? 'too_large' : 'bad_request', message: String(e.message) } };
  return { status: 500, body: { error: 'internal', message: 'internal error' } };
}

function schemaFailure(issue: AjvIssue, context: string | undefined): ErrorReply {
  const p = issue.params ?? {};
  const named = p.missingProperty ?? p.additionalProperty;
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const field = typeof named === 'string' ? (path ? `${path}.${named}` : named) : path || (context ?? 'request');
  const detail =
    p.additionalProperty !== undefined ? 'is not a known parameter' : p.missingProperty !== undefined ? 'is required' : (issue.message ?? 'is invalid');
  return { status: 400, body: { error: 'bad_request', field, message: `${context ? `${context} ` : ''}${field} ${detail}` } };
}
