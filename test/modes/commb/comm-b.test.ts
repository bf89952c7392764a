// Comm-B register inference and decoding on published DF20/21 replies.
import { describe, expect, it } from 'vitest';
import { decodeCommB } from '../../../src/modes/commb/comm-b.ts';
import { createMessage, type ModeSMessage } from '../../../src/modes/message.ts';
import { describeShared, readShared } from '../../helpers/shared.ts';
import { hexToBytes } from '../frames.ts';
import { VECTORS_FILE, vectors } from '../vectors.ts';

function commB(hex: string): ModeSMessage {
  const msg = createMessage();
  decodeCommB(hexToBytes(hex), msg);
  return msg;
}

describe('Comm-B registers', () => {
  it('given a BDS 4,0 reply, when decoded, then MCP and FMS selected altitudes and the baro setting', () => {
    expect(commB('A000029C85E42F313000007047D3')).toMatchObject({ bds: '4,0', selected_altitude_mcp: 3008, selected_altitude_fms: 3008, baro_setting: 1020 });
  });

  it('given a BDS 5,0 reply, when decoded, then roll, true track, ground speed, track rate and TAS', () => {
    const msg = commB('A000139381951536E024D4CCF6B5');
    expect(msg).toMatchObject({ bds: '5,0', ground_speed: 438, track_rate: 0.125, true_airspeed: 424 });
    expect(msg.roll).toBeCloseTo(2.1, 1);
    expect(msg.true_track).toBeCloseTo(114.258, 3);
  });

  it('given a BDS 5,0 reply banking left, when decoded, then the roll is negative', () => {
    expect(commB('A0001691FFD263377FFCE02B2BF9').roll).toBeCloseTo(-0.35, 2);
  });

  it('given a BDS 6,0 reply, when decoded, then heading, IAS, Mach and both vertical rates', () => {
    const msg = commB('A80004AAA74A072BFDEFC1D5CB4F');
    expect(msg).toMatchObject({ bds: '6,0', indicated_airspeed: 259, mach: 0.7, baro_vertical_rate: -2144, inertial_vertical_rate: -2016 });
    expect(msg.magnetic_heading).toBeCloseTo(110.391, 3);
  });

  it('given an MB that is valid as both BDS 5,0 and 6,0, when decoded, then it stays unlabelled with no register fields', () => {
    const msg = commB('A000029CFFBAA11E2004727281F1');
    expect(msg.bds).toBeUndefined();
    expect(msg.roll).toBeUndefined();
    expect(msg.magnetic_heading).toBeUndefined();
  });

  it('given an all-zero MB, when decoded, then no register is claimed', () => {
    expect(commB('A000000000000000000000000000').bds).toBeUndefined();
  });
});

describeShared('Comm-B inference against published labels', [VECTORS_FILE, 'junzis__pyModeS/tests/fixtures/golden_v2.json'], () => {
  it('given every published Comm-B vector with a single register, when decoded, then our label is that register', () => {
    const cases = ['commb_bds10', 'commb_bds17', 'commb_bds20', 'commb_bds40', 'commb_bds50', 'commb_bds60', 'commb_infer', 'commb_stream']
      .flatMap((c) => vectors(c)).filter((v) => v.msg !== undefined && hexToBytes(v.msg)[0] >> 3 >= 20 && typeof v.expect.bds === 'string');
    expect(cases.length).toBeGreaterThan(20);
    for (const v of cases) expect(commB(v.msg!).bds, v.id).toBe(v.expect.bds);
  });

  it("given pyModeS's golden DF20/21 decodes, when inferred, then we never name a different register than its single answer", () => {
    const golden = JSON.parse(readShared('junzis__pyModeS/tests/fixtures/golden_v2.json').toString('utf8')) as Record<string, { df: number; bds?: string }>;
    let agreed = 0;
    for (const [hex, expected] of Object.entries(golden)) {
      if ((expected.df !== 20 && expected.df !== 21) || expected.bds === undefined || expected.bds.includes(',')) continue;
      const ours = commB(hex.toUpperCase()).bds;
      const theirs = `${expected.bds[3]},${expected.bds[4]}`;
      if (ours !== undefined) expect(ours, hex).toBe(theirs);
      if (ours === theirs) agreed++;
    }
    expect(agreed).toBeGreaterThan(300);
  });
});
