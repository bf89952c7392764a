// The ways a command or request can be refused. Each kind is one class; the API maps each to its
// HTTP status in one place (src/api/error-status.ts), and the WebSocket hub to an error message.
// They live outside src/api so pure aggregates can throw them without importing I/O code.

/** The caller sent something malformed or out of range; `field` names what (→ 400). */
export class ValidationError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ValidationError';
  }
}

/** The thing named does not exist, or is not the caller's (→ 404). */
export class NotFoundError extends Error {
  constructor(readonly what: string, readonly id: string) {
    super(`${what} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/**
 * A limit refused the command: `conflict` for a state limit (too many watches, already stopped → 409),
 * `rate` for too many commands in a time window (→ 429).
 */
export class LimitError extends Error {
  constructor(message: string, readonly kind: 'conflict' | 'rate' = 'conflict', readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'LimitError';
  }
}

/** No valid token where one is required (→ 401). */
export class UnauthorizedError extends Error {
  constructor(message = 'a valid API token is required (Authorization: Bearer TOKEN)') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}
