// Who is asking: the user behind the request's bearer token (or `?token=`). Write routes always
// need one; read routes only when the service runs with `--read-token-required`.
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../app/command-errors.ts';
import { tokenOfRequest, type Authenticator } from './tokens.ts';

export function userOf(request: FastifyRequest, authenticator: Authenticator): string | undefined {
  const token = tokenOfRequest(request.headers.authorization, (request.query as Record<string, unknown> | undefined)?.token);
  return token === undefined ? undefined : authenticator.authenticate(token);
}

export function requireUser(request: FastifyRequest, authenticator: Authenticator): string {
  const user = userOf(request, authenticator);
  if (user === undefined) throw new UnauthorizedError();
  return user;
}

/** An onRequest hook for read routes (before validation, so a missing token is a 401 first). */
export function readAccess(authenticator: Authenticator, required: boolean): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (required) requireUser(request, authenticator);
  };
}
