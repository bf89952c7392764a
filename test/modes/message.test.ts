import { describe, expect, it } from 'vitest';
import { createMessage, OPTIONAL_MESSAGE_KEYS, resetMessage, type ModeSMessage } from '../../src/modes/message.ts';

describe('message reset', () => {
  it('given a message with every optional key set, when reset, then every key in OPTIONAL_MESSAGE_KEYS is undefined again', () => {
    const msg = createMessage();
    for (const key of OPTIONAL_MESSAGE_KEYS) (msg as unknown as Record<string, unknown>)[key] = 1;
    resetMessage(msg);
    const left = OPTIONAL_MESSAGE_KEYS.filter((key) => (msg as ModeSMessage)[key] !== undefined);
    expect(left).toEqual([]);
  });

  it('given a fresh message, when its keys are listed, then it already has every optional key (one shape for all)', () => {
    const keys = Object.keys(createMessage());
    for (const key of OPTIONAL_MESSAGE_KEYS) expect(keys).toContain(key);
  });
});
