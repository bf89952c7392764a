import { describe, expect, it } from 'vitest';
import { decodeAc12, decodeAc13, gillhamToAltitude } from '../../../src/modes/altitude.ts';
import { bitField } from '../../../src/modes/bits.ts';
import { decodeCallsign } from '../../../src/modes/callsign.ts';
import { crcRemainder } from '../../../src/modes/crc.ts';
import {
  encodeAc12, encodeAc13, encodeGillham, encodeId13, encodeSurveillanceAltitude, encodeSurveillanceIdentity,
  movementCode, writeBits, writeCallsign,
} from '../../../src/modes/encode/index.ts';
import { decodeId13 } from '../../../src/modes/identity.ts';
import { movementToKnots } from '../../../src/modes/adsb/surface-position.ts';

describe('altitude fields', () => {
  it('given every Gillham altitude from -1,200 to 126,700 ft, when encoded and decoded, then it comes back', () => {
    const wrong: number[] = [];
    for (let feet = -1200; feet <= 126700; feet += 100) if (gillhamToAltitude(encodeGillham(feet)) !== feet) wrong.push(feet);
    expect(wrong).toEqual([]);
  });

  it('given every 25-ft altitude from -1,000 to 50,175 ft, then AC13 and AC12 carry it with Q = 1', () => {
    const wrong: number[] = [];
    for (let feet = -1000; feet <= 50175; feet += 25) {
      const ac13 = encodeAc13(feet);
      if ((ac13 & 0x10) === 0 || (ac13 & 0x40) !== 0 || decodeAc13(ac13) !== feet || decodeAc12(encodeAc12(feet)) !== feet) wrong.push(feet);
    }
    expect(wrong).toEqual([]);
  });

  it('given altitudes above 50,175 ft, then the field switches to Gillham in 100-ft steps', () => {
    expect(encodeAc13(50200) & 0x10).toBe(0);
    expect(decodeAc13(encodeAc13(50200))).toBe(50200);
    expect(decodeAc12(encodeAc12(60040))).toBe(60000);
    expect(decodeAc13(encodeAc13(126700))).toBe(126700);
  });

  it('given an altitude no field can carry, then the field is 0 (no altitude)', () => {
    expect(encodeAc13(Number.NaN)).toBe(0);
    expect(encodeAc13(-1300)).toBe(0);
    expect(encodeAc13(130000)).toBe(0);
    expect(encodeGillham(-1300)).toBe(0);
  });
});

describe('identity field', () => {
  it('given all 4,096 squawks, when encoded and decoded, then each comes back', () => {
    const wrong: number[] = [];
    for (let code = 0; code < 4096; code++) if (decodeId13(encodeId13(code)) !== code.toString(8).padStart(4, '0')) wrong.push(code);
    expect(wrong).toEqual([]);
    expect(decodeId13(encodeId13('7700'))).toBe('7700');
  });

  it('given a string that is not four octal digits, then the field is 0', () => {
    expect(encodeId13('9999')).toBe(0);
  });
});

describe('callsign and bit writer', () => {
  it('given a short, lower-case callsign with an invalid character, then it is upper-cased, padded and the bad one is #', () => {
    const frame = new Uint8Array(14);
    writeCallsign(frame, 41, 'ab_12');
    expect(decodeCallsign(frame, 5)).toBe('AB#12');
  });

  it('given a value wider than 32 bits, then writeBits stores it exactly', () => {
    const frame = new Uint8Array(14);
    writeBits(frame, 41, 88, 0xabcdef123456);
    expect(bitField(frame, 41, 64)).toBe(0xabcdef);
    expect(bitField(frame, 65, 88)).toBe(0x123456);
    writeBits(frame, 41, 88, 0);
    expect(frame.every((b) => b === 0)).toBe(true);
  });
});

describe('surface movement code', () => {
  it('given the lower edge of every band, then the code decodes back to that speed', () => {
    for (let code = 1; code <= 124; code++) expect(movementCode(movementToKnots(code)), `code ${code}`).toBe(code);
  });

  it('given speeds inside a band, then the code is the band at or below the speed', () => {
    expect(movementCode(undefined)).toBe(0);
    expect(movementCode(0.1)).toBe(1);
    expect(movementKnots(0.9)).toBe(0.875);
    expect(movementKnots(17.4)).toBe(17);
    expect(movementKnots(99.9)).toBe(98);
    expect(movementKnots(500)).toBe(175);
  });
});

function movementKnots(speed: number): number {
  return movementToKnots(movementCode(speed));
}

describe('surveillance replies', () => {
  it('given DF4 and DF20 altitude replies, then the parity remainder is the address', () => {
    const short = encodeSurveillanceAltitude({ icao: 0x4840d6, altitude: 36000, flightStatus: 1 });
    expect(short.length).toBe(7);
    expect(crcRemainder(short)).toBe(0x4840d6);
    expect(bitField(short, 1, 5)).toBe(4);
    expect(bitField(short, 6, 8)).toBe(1);
    expect(decodeAc13(bitField(short, 20, 32))).toBe(36000);
    const mb = Uint8Array.from([0x20, 1, 2, 3, 4, 5, 6]);
    const long = encodeSurveillanceAltitude({ icao: 0x4840d6, altitude: 1000, df: 20, mb });
    expect(long.length).toBe(14);
    expect(crcRemainder(long)).toBe(0x4840d6);
    expect(Array.from(long.subarray(4, 11))).toEqual(Array.from(mb));
  });

  it('given DF5 and DF21 identity replies, then the squawk and DR/UM fields are where decoders read them', () => {
    const frame = encodeSurveillanceIdentity({ icao: 0xabcdef, squawk: '0356', downlinkRequest: 1, utilityMessage: 37 });
    expect(crcRemainder(frame)).toBe(0xabcdef);
    expect(bitField(frame, 9, 13)).toBe(1);
    expect(bitField(frame, 14, 19)).toBe(37);
    expect(decodeId13(bitField(frame, 20, 32))).toBe('0356');
    const long = encodeSurveillanceIdentity({ icao: 0xabcdef, squawk: '7700', df: 21 });
    expect(bitField(long, 1, 5)).toBe(21);
    expect(crcRemainder(long)).toBe(0xabcdef);
  });
});
