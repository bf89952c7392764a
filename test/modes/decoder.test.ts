// The streaming decoder: acceptance rules (CRC, repair, ICAO cache), every downlink format, and
// reject reasons. Frames are real published ones or built with real parity (frames.ts).
import { describe, expect, it } from 'vitest';
import { crcRemainder, writeParity } from '../../src/modes/crc.ts';
import { Decoder } from '../../src/modes/decoder.ts';
import { bytesToHex } from '../../src/modes/message.ts';
import { describeShared } from '../helpers/shared.ts';
import { addressParity, allCall, extendedSquitter, flipBit, hexToBytes, setBits } from './frames.ts';
import { VECTORS_FILE, vectors } from './vectors.ts';

const ICAO = 0x4b1a2c;
const identification = (icao = ICAO): Uint8Array => extendedSquitter(icao, [[1, 5, 4], [9, 6, 1], [15, 6, 2], [21, 6, 3]]);
const ac13For = (feet: number): number => {
  const n = (feet + 1000) / 25;
  return ((n & 0x7e0) << 2) | ((n & 0x10) << 1) | 0x10 | (n & 0xf);
};
const df4 = (icao = ICAO, feet = 35000): Uint8Array => addressParity(4, icao, [[20, 13, ac13For(feet)]]);

describe('Decoder: ICAO cache and address/parity replies', () => {
  it('given no frame yet from an address, when its DF4 arrives, then it is rejected as unknown_icao', () => {
    const decoder = new Decoder();
    expect(decoder.decode(df4(), 10)).toBeNull();
    expect(decoder.lastReject).toBe('unknown_icao');
    expect(decoder.stats.rejected.unknown_icao).toBe(1);
  });

  it('given a DF17 from the address, when its DF4 arrives within the TTL, then it is accepted with the recovered address', () => {
    const decoder = new Decoder();
    decoder.decode(identification(), 10);
    const msg = decoder.decode(df4(), 20);
    expect(msg).toMatchObject({ df: 4, icao: ICAO, altitude: 35000, altitude_type: 'barometric', crc_ok: true });
  });

  it('given the TTL has passed since the last confirmation, when the DF4 arrives, then it is rejected again', () => {
    const decoder = new Decoder({ icaoTtlSeconds: 60 });
    decoder.decode(identification(), 10);
    expect(decoder.decode(df4(), 69)).not.toBeNull();
    expect(decoder.decode(df4(), 71)).toBeNull();
    expect(decoder.lastReject).toBe('unknown_icao');
  });

  it('given a clean DF11 (II 0), when decoded, then it confirms the address for later DF5 replies', () => {
    const decoder = new Decoder();
    expect(decoder.decode(allCall(ICAO), 1)).toMatchObject({ df: 11, icao: ICAO, capability: 5, interrogator: 0, on_ground: false });
    const msg = decoder.decode(addressParity(5, ICAO, [[20, 13, 0x80 | 0x10]]), 2);
    expect(msg).toMatchObject({ df: 5, squawk: '4001', emergency: 'none' });
  });

  it('given a DF11 answering interrogator 6 from an unknown address, when decoded, then rejected; after a DF17, accepted with its II', () => {
    const decoder = new Decoder();
    const frame = hexToBytes('5D484FDEA248F5');
    expect(decoder.decode(frame, 0)).toBeNull();
    expect(decoder.lastReject).toBe('unknown_icao');
    decoder.decode(identification(0x484fde), 1);
    expect(decoder.decode(frame, 2)).toMatchObject({ df: 11, icao: 0x484fde, interrogator: 22 });
  });

  it('given a DF11 with II set, when decoded, then it does not confirm its address', () => {
    const decoder = new Decoder({ trustAddressParity: false });
    decoder.decode(identification(0x111111), 0);
    decoder.decode(allCall(0x111111, 3), 1);
    expect(decoder.decode(df4(0x222222), 2)).toBeNull();
  });

  it('given unknown time (NaN), when a confirmed address replies much later, then the cache never expires', () => {
    const decoder = new Decoder({ icaoTtlSeconds: 1 });
    decoder.decode(identification());
    expect(decoder.decode(df4())).toMatchObject({ icao: ICAO });
    expect(decoder.decode(df4(), Number.NaN)?.timestamp).toBeNaN();
  });

  it('given trustAddressParity, when an unconfirmed DF20 arrives, then it is accepted but crc_ok is false', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    const frame = hexToBytes('A000083E202CC371C31DE0AA1CCF');
    const msg = decoder.decode(frame);
    expect(msg).toMatchObject({ df: 20, icao: crcRemainder(frame), crc_ok: false, bds: '2,0', callsign: 'KLM1017' });
  });

  it('given DF18 CF 1 (non-ICAO address), when decoded, then it is accepted but does not confirm the address', () => {
    const decoder = new Decoder();
    const frame = extendedSquitter(0x333333, [[1, 5, 4], [9, 6, 1]], { df: 18, ca: 1 });
    expect(decoder.decode(frame, 0)).toMatchObject({ df: 18, cf: 1, address_type: 'adsb_other', tc: 4 });
    expect(decoder.decode(df4(0x333333), 1)).toBeNull();
  });

  it('given DF18 CF 0, when decoded, then it confirms the address', () => {
    const decoder = new Decoder();
    decoder.decode(extendedSquitter(0x444444, [[1, 5, 4]], { df: 18, ca: 0 }), 0);
    expect(decoder.decode(df4(0x444444), 1)).not.toBeNull();
  });

  it('given fine TIS-B (CF 2) positions with and without the IMF bit, when decoded, then tisb_other vs tisb_icao', () => {
    const decoder = new Decoder();
    expect(decoder.decode(extendedSquitter(0x777777, [[1, 5, 11], [8, 1, 0]], { df: 18, ca: 2 }), 0)?.address_type).toBe('tisb_icao');
    expect(decoder.decode(extendedSquitter(0x777777, [[1, 5, 11], [8, 1, 1]], { df: 18, ca: 2 }), 0)?.address_type).toBe('tisb_other');
    expect(decoder.decode(extendedSquitter(0x777777, [[1, 5, 19], [6, 3, 1], [9, 1, 1]], { df: 18, ca: 6 }), 0)?.address_type).toBe('adsr_other');
    expect(decoder.decode(df4(0x777777), 1)).toBeNull();
  });

  it('given DF18 CF 3 (coarse TIS-B) and CF 5 relay frames, when decoded, then they are accepted without ADS-B fields and never throw', () => {
    const decoder = new Decoder();
    expect(decoder.decode(extendedSquitter(0x555555, [[1, 5, 11]], { df: 18, ca: 3 }), 0)).toMatchObject({ cf: 3, address_type: 'tisb_trackfile', tc: undefined });
    expect(decoder.decode(extendedSquitter(0x555555, [[1, 5, 31], [6, 3, 7]], { df: 18, ca: 5 }), 0)).toMatchObject({ cf: 5, tc: 31 });
    expect(() => decoder.decodeHex('95C639EEFBFFFFEDD5FEFBFF4F6F')).not.toThrow();
  });
});

describe('Decoder: error repair', () => {
  it('given a DF17 with one flipped bit, when decoded, then it is repaired and flagged corrected_bits 1 without touching the input', () => {
    const decoder = new Decoder();
    const clean = identification();
    const damaged = flipBit(clean, 60);
    const before = damaged.slice();
    const msg = decoder.decode(damaged, 0);
    expect(msg).toMatchObject({ df: 17, corrected_bits: 1, crc_ok: true, icao: ICAO });
    expect(bytesToHex(msg!.bytes)).toBe(bytesToHex(clean));
    expect(damaged).toEqual(before);
    expect(decoder.stats.correctedBits[1]).toBe(1);
  });

  it('given one flipped bit and fixOneBit false, when decoded, then it is rejected as crc_failed', () => {
    const decoder = new Decoder({ fixOneBit: false });
    expect(decoder.decode(flipBit(identification(), 60), 0)).toBeNull();
    expect(decoder.lastReject).toBe('crc_failed');
  });

  it('given a 1-bit-repaired DF17, when decoded, then it does not confirm its address', () => {
    const decoder = new Decoder();
    decoder.decode(flipBit(identification(), 20), 0);
    expect(decoder.decode(df4(), 1)).toBeNull();
  });

  it('given two flipped bits, when decoded by default, then crc_failed; with fixTwoBits and a known address, then corrected_bits 2', () => {
    const damaged = flipBit(flipBit(identification(), 50), 77);
    const plain = new Decoder();
    expect(plain.decode(damaged, 5)).toBeNull();
    expect(plain.lastReject).toBe('crc_failed');

    const fixing = new Decoder({ fixTwoBits: true });
    expect(fixing.decode(damaged, 1)).toBeNull();
    expect(fixing.lastReject).toBe('unknown_icao');
    fixing.decode(identification(), 2);
    const msg = fixing.decode(damaged, 3);
    expect(msg).toMatchObject({ corrected_bits: 2, icao: ICAO });
    expect(bytesToHex(msg!.bytes)).toBe(bytesToHex(identification()));
  });

  it('given a DF11 with one flipped bit from a known address, when decoded, then repaired; from an unknown one, rejected', () => {
    const decoder = new Decoder();
    const damaged = flipBit(allCall(0x666666), 30);
    expect(decoder.decode(damaged, 0)).toBeNull();
    expect(decoder.lastReject).toBe('unknown_icao');
    decoder.decode(allCall(0x666666), 1);
    expect(decoder.decode(damaged, 2)).toMatchObject({ df: 11, icao: 0x666666, corrected_bits: 1 });
  });
});

describe('Decoder: downlink formats', () => {
  it('given DF0 and DF16 air-air replies from a known address, when decoded, then altitude and vertical status', () => {
    const decoder = new Decoder();
    decoder.decode(identification(), 0);
    expect(decoder.decode(addressParity(0, ICAO, [[6, 1, 1], [20, 13, ac13For(1500)]]), 1)).toMatchObject({ df: 0, altitude: 1500, on_ground: true });
    expect(decoder.decode(addressParity(16, ICAO, [[20, 13, ac13For(22000)]]), 1)).toMatchObject({ df: 16, altitude: 22000, on_ground: false });
  });

  it('given DF4 flight status 4 (alert and SPI), when decoded, then alert and spi are set and air/ground unknown', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    const msg = decoder.decode(addressParity(4, ICAO, [[6, 3, 4], [9, 5, 1], [14, 6, 37], [20, 13, ac13For(1000)]]));
    expect(msg).toMatchObject({ flight_status: 4, alert: true, spi: true, on_ground: undefined, downlink_request: 1, utility_message: 37 });
  });

  it('given DF5 squawking 7700, 7600 and 7500, when decoded, then emergency general, nordo, unlawful', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    const id13 = (a: number, b: number, c: number, d: number): number =>
      (c & 1 ? 0x1000 : 0) | (a & 1 ? 0x800 : 0) | (c & 2 ? 0x400 : 0) | (a & 2 ? 0x200 : 0) | (c & 4 ? 0x100 : 0) | (a & 4 ? 0x80 : 0) |
      (b & 1 ? 0x20 : 0) | (d & 1 ? 0x10 : 0) | (b & 2 ? 0x8 : 0) | (d & 2 ? 0x4 : 0) | (b & 4 ? 0x2 : 0) | (d & 4 ? 0x1 : 0);
    expect(decoder.decode(addressParity(5, ICAO, [[20, 13, id13(7, 7, 0, 0)]]))).toMatchObject({ squawk: '7700', emergency: 'general' });
    expect(decoder.decode(addressParity(5, ICAO, [[20, 13, id13(7, 6, 0, 0)]]))).toMatchObject({ squawk: '7600', emergency: 'nordo' });
    expect(decoder.decode(addressParity(21, ICAO, [[20, 13, id13(7, 5, 0, 0)]]))).toMatchObject({ df: 21, squawk: '7500', emergency: 'unlawful' });
  });

  it('given DF20 whose MB starts with 0x20 but holds invalid characters, when decoded, then no BDS 2,0 is claimed', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    const frame = addressParity(20, ICAO, [[20, 13, ac13For(1000)], [33, 8, 0x20]]);
    const msg = decoder.decode(frame);
    expect(msg?.bds).toBeUndefined();
    expect(msg?.callsign).toBeUndefined();
  });

  it('given a DF24 Comm-D frame, when decoded, then rejected as df24_comm_d', () => {
    const decoder = new Decoder();
    expect(decoder.decode(setBits(new Uint8Array(14), 1, 2, 3))).toBeNull();
    expect(decoder.lastReject).toBe('df24_comm_d');
  });

  it('given Mode A/C, odd lengths, unsupported DFs and bad hex, when decoded, then each has its reason', () => {
    const decoder = new Decoder();
    decoder.decode(Uint8Array.of(0x77, 0x00));
    expect(decoder.lastReject).toBe('mode_ac');
    decoder.decodeHex('7700');
    expect(decoder.lastReject).toBe('mode_ac');
    decoder.decode(new Uint8Array(5));
    expect(decoder.lastReject).toBe('bad_length');
    decoder.decode(setBits(new Uint8Array(14), 1, 5, 4));
    expect(decoder.lastReject).toBe('bad_length');
    decoder.decode(setBits(new Uint8Array(14), 1, 5, 19));
    expect(decoder.lastReject).toBe('unsupported_df');
    decoder.decodeHex('8D406B902015A678D4D220AA4BDZ');
    expect(decoder.lastReject).toBe('bad_hex');
    expect(decoder.stats.rejected).toMatchObject({ mode_ac: 2, bad_length: 2, unsupported_df: 1, bad_hex: 1 });
    expect(decoder.stats.accepted).toBe(0);
  });

  it('given several frames, when decoded, then stats count acceptances by DF', () => {
    const decoder = new Decoder();
    decoder.decode(identification(), 0);
    decoder.decode(allCall(ICAO), 0);
    decoder.decode(df4(), 0);
    expect(decoder.stats.accepted).toBe(3);
    expect([decoder.stats.acceptedByDf[17], decoder.stats.acceptedByDf[11], decoder.stats.acceptedByDf[4]]).toEqual([1, 1, 1]);
  });

  it('given one decoder, when a short frame follows a long one, then no field of the first leaks into the second', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    decoder.decodeHex('8D406B902015A678D4D220AA4BDA');
    const msg = decoder.decode(df4());
    expect(msg?.callsign).toBeUndefined();
    expect(msg?.tc).toBeUndefined();
    expect(msg?.bits).toBe(56);
  });
});

describeShared('Decoder against published vectors', [VECTORS_FILE], () => {
  it('given the published surveillance and Comm-B frames, when decoded with trusted parity, then altitude and squawk match', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    const cases = [...vectors('surveillance_altitude'), ...vectors('surveillance_identity'), ...vectors('commb_altitude'), ...vectors('commb_identity')];
    expect(cases.length).toBeGreaterThan(6);
    for (const v of cases) {
      const msg = decoder.decodeHex(v.msg!);
      expect(msg?.df, v.id).toBe(v.expect.df);
      if ('altitude' in v.expect) expect(msg?.altitude, v.id).toBe(v.expect.altitude);
      if ('squawk' in v.expect) expect(msg?.squawk, v.id).toBe(v.expect.squawk);
    }
  });

  it('given the published address/parity frames, when decoded with trusted parity, then the recovered address matches', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    for (const v of vectors('address_parity').filter((x) => typeof x.expect.icao === 'string')) {
      expect(decoder.decodeHex(v.msg!)?.icao.toString(16).toUpperCase().padStart(6, '0'), v.id).toBe(v.expect.icao);
    }
  });

  it('given the published BDS 2,0 frames, when decoded, then the callsign is recognised', () => {
    const decoder = new Decoder({ trustAddressParity: true });
    for (const v of vectors('commb_bds20')) expect(decoder.decodeHex(v.msg!), v.id).toMatchObject({ bds: '2,0', callsign: v.expect.callsign });
  });

  it('given the published valid CRC vectors, when decoded, then every DF17 is accepted clean', () => {
    const decoder = new Decoder();
    const cases = vectors('crc').filter((v) => v.msg?.startsWith('8') && v.expect.crc_remainder === 0);
    expect(cases.length).toBeGreaterThan(3);
    for (const v of cases) expect(decoder.decodeHex(v.msg!), v.id).toMatchObject({ crc_ok: true, corrected_bits: 0 });
  });
});

describeShared('Decoder CPR positions against published pairs', [VECTORS_FILE], () => {
  it('given published even/odd airborne pairs in time order, when decoded, then the newer frame carries the global position', () => {
    const cases = vectors('airborne_position_global').filter((v) => v.msgs?.every((m) => typeof m.t === 'number'));
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const v of cases) {
      const decoder = new Decoder();
      const ordered = [...v.msgs!].sort((a, b) => (a.t as number) - (b.t as number));
      let last = null;
      for (const m of ordered) last = decoder.decodeHex(m.msg, m.t as number);
      expect(last, v.id).toMatchObject({ position_decoding: 'global' });
      expect(last!.latitude! - (v.expect.latitude as number), v.id).toBeCloseTo(0, 4);
      expect(last!.longitude! - (v.expect.longitude as number), v.id).toBeCloseTo(0, 4);
    }
  });

  it('given the book surface pair and a receiver near Schiphol, when decoded, then the odd frame resolves to the published position', () => {
    const v = vectors('surface_position_global').find((x) => x.id === 'cpr-surf-global-484175-book')!;
    const decoder = new Decoder({ receiver: { lat: v.reference!.lat as number, lon: v.reference!.lon as number } });
    let last = null;
    for (const m of v.msgs!) last = decoder.decodeHex(m.msg, m.t as number);
    expect(last).toMatchObject({ on_ground: true, position_decoding: 'global' });
    expect(last!.latitude!).toBeCloseTo(v.expect.latitude as number, 4);
    expect(last!.longitude!).toBeCloseTo(v.expect.longitude as number, 4);
    expect(decoder.stats.cpr.global_ok).toBe(1);
  });
});

describe('Decoder: CPR state of non-ICAO addresses', () => {
  it('given an odd frame from a non-ICAO DF18 and an even one from the ICAO aircraft with the same number, when decoded, then they do not pair', () => {
    const decoder = new Decoder();
    const even = hexToBytes('8D40058B58C901375147EFD09357');
    const oddHex = '8D40058B58C904A87F402D3B8C59';
    const oddMe = hexToBytes(oddHex).subarray(4, 11);
    const anonymousOdd = extendedSquitter(0x40058b, [], { df: 18, ca: 1 });
    anonymousOdd.set(oddMe, 4);
    writeParity(anonymousOdd);
    decoder.decode(anonymousOdd, 100);
    const msg = decoder.decode(even, 101);
    expect(msg?.latitude).toBeUndefined();
    // The aircraft's own odd frame does pair with its even one.
    expect(decoder.decodeHex(oddHex, 102)?.latitude).toBeCloseTo(49.81755, 4);
  });
});
