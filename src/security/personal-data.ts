// Sealing and opening personal fields (webhook URLs, contact details) with their owner's key. An
// unreadable field — key forgotten, or tampered with — is reported as undefined, never as a crash:
// callers show it redacted.
import type { SealedField } from '../events/index.ts';
import { openField, sealField } from './field-cipher.ts';
import type { UserKeys } from './user-keys.ts';

export const REDACTED = '[redacted]';

export class PersonalData {
  /** Fields that could not be opened since start (forgotten keys, tampering). */
  unreadable = 0;

  constructor(private readonly keys: UserKeys) {}

  /** `context` names where the value lives (e.g. the watch id); opening needs the same context. */
  seal(user: string, value: string, context: string): SealedField {
    const { kid, key } = this.keys.keyFor(user);
    return sealField(value, key, kid, `${user}\n${context}`);
  }

  open(user: string, sealed: SealedField, context: string): string | undefined {
    const key = this.keys.keyById(user, sealed.kid);
    if (key === undefined) {
      this.unreadable++;
      return undefined;
    }
    try {
      return openField(sealed, key, `${user}\n${context}`);
    } catch {
      this.unreadable++;
      return undefined;
    }
  }

  forget(user: string): number {
    return this.keys.forget(user);
  }
}
