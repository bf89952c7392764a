import { describe, expect, it } from 'vitest';
import { decodeCallsign, isValidCallsign } from '../../src/modes/callsign.ts';
import { hexToBytes } from './frames.ts';

describe('callsign', () => {
  it('given the KLM1023 identification squitter, when its characters are decoded, then the trailing space is trimmed', () => {
    const frame = hexToBytes('8D4840D6202CC371C32CE0576098');
    expect(decodeCallsign(frame, 5)).toBe('KLM1023');
    expect(isValidCallsign(frame, 5)).toBe(true);
  });

  it('given characters outside A-Z, 0-9 and space, when checked, then the callsign is not valid and shows #', () => {
    const frame = new Uint8Array(14); // all zero: eight code-0 characters
    expect(isValidCallsign(frame, 5)).toBe(false);
    expect(decodeCallsign(frame, 5)).toBe('########');
  });
});
