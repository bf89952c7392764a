// ADS-B ME decoding by type code, on published real frames and on frames built field by field.
import { describe, expect, it } from 'vitest';
import { decodeExtendedSquitter } from '../../../src/modes/adsb/extended-squitter.ts';
import { createMessage, type ModeSMessage } from '../../../src/modes/message.ts';
import { describeShared } from '../../helpers/shared.ts';
import { extendedSquitter, hexToBytes } from '../frames.ts';
import { VECTORS_FILE, vectors } from '../vectors.ts';

function decodeMe(frame: Uint8Array | string): ModeSMessage {
  const msg = createMessage();
  decodeExtendedSquitter(typeof frame === 'string' ? hexToBytes(frame) : frame, msg);
  return msg;
}

describe('TC 1-4 identification', () => {
  it('given EZY85MH (TC 4, category 0), when decoded, then callsign and category A0', () => {
    expect(decodeMe('8D406B902015A678D4D220AA4BDA')).toMatchObject({ tc: 4, callsign: 'EZY85MH', category: 'A0' });
  });

  it('given each type code 1-4 with category 7, when decoded, then the set letter follows the type code', () => {
    const letters = ['', 'D', 'C', 'B', 'A'];
    for (let tc = 1; tc <= 4; tc++) {
      const msg = decodeMe(extendedSquitter(0xabcdef, [[1, 5, tc], [6, 3, 7]]));
      expect(msg.category).toBe(`${letters[tc]}7`);
    }
  });
});

describe('TC 9-18 and 20-22 airborne position', () => {
  it('given a barometric position squitter, when decoded, then altitude, CPR fields and NIC are set', () => {
    expect(decodeMe('8D40058B58C901375147EFD09357')).toMatchObject({
      tc: 11, altitude: 39000, altitude_type: 'barometric', on_ground: false, cpr_format: 'even', cpr_lat: 39848, cpr_lon: 83951, nic: 8,
    });
  });

  it('given TC 20 with a 12-bit height field, when decoded, then it is a geometric altitude in feet', () => {
    const n = (12000 + 1000) / 25;
    const ac12 = ((n & 0x7f0) << 1) | 0x10 | (n & 0xf);
    const msg = decodeMe(extendedSquitter(0x123456, [[1, 5, 20], [9, 12, ac12], [22, 1, 1], [23, 17, 1000], [40, 17, 2000]]));
    expect(msg).toMatchObject({ tc: 20, altitude: 12000, altitude_type: 'geometric', cpr_format: 'odd', cpr_lat: 1000, cpr_lon: 2000, nic: 11 });
  });
});

describe('TC 5-8 surface position', () => {
  it('given the book surface frame (movement 41, track 33), when decoded, then 17 kt, 92.8125 deg, on ground', () => {
    expect(decodeMe('8C4841753A9A153237AEF0F275BE')).toMatchObject({
      tc: 7, on_ground: true, ground_speed: 17, heading: 92.8125, heading_type: 'track', cpr_format: 'odd', cpr_lat: 39195, cpr_lon: 110320,
    });
  });

  it('given movement code 0 (no information) and track status clear, when decoded, then neither speed nor track', () => {
    const msg = decodeMe(extendedSquitter(0x123456, [[1, 5, 6], [6, 7, 0], [13, 1, 0], [14, 7, 64]]));
    expect(msg.ground_speed).toBeUndefined();
    expect(msg.heading).toBeUndefined();
    expect(msg.on_ground).toBe(true);
  });
});

describe('TC 19 velocity', () => {
  it('given the book subtype 1 frame, when decoded, then 159.2 kt, track 182.88, -832 ft/min geometric, GNSS-baro +550', () => {
    const msg = decodeMe('8D485020994409940838175B284F');
    expect(msg.velocity_subtype).toBe(1);
    expect(msg.ground_speed).toBeCloseTo(159.2, 1);
    expect(msg.heading).toBeCloseTo(182.88, 2);
    expect(msg).toMatchObject({ vertical_rate: -832, vertical_rate_source: 'geometric', gnss_baro_diff: 550, heading_type: 'track' });
  });

  it('given the book subtype 3 frame, when decoded, then TAS 375 kt, magnetic heading 243.98, -2304 ft/min barometric', () => {
    const msg = decodeMe('8DA05F219B06B6AF189400CBC33F');
    expect(msg).toMatchObject({ velocity_subtype: 3, airspeed_type: 'tas', airspeed: 375, heading_type: 'magnetic', vertical_rate: -2304, vertical_rate_source: 'barometric' });
    expect(msg.heading).toBeCloseTo(243.98, 2);
  });

  it('given supersonic subtype 2 with 100/100 east/north, when decoded, then components are 4-kt steps', () => {
    const msg = decodeMe(extendedSquitter(0x123456, [[1, 5, 19], [6, 3, 2], [14, 1, 0], [15, 10, 101], [25, 1, 0], [26, 10, 101]]));
    expect(msg.ground_speed).toBeCloseTo(Math.hypot(400, 400), 6);
    expect(msg.heading).toBeCloseTo(45, 6);
    expect(msg.vertical_rate).toBeUndefined();
  });

  it('given supersonic subtype 4 IAS 200 (raw 51), when decoded, then airspeed is 200 kt IAS', () => {
    const msg = decodeMe(extendedSquitter(0x123456, [[1, 5, 19], [6, 3, 4], [25, 1, 0], [26, 10, 51], [36, 1, 1], [37, 1, 0], [38, 9, 3]]));
    expect(msg).toMatchObject({ velocity_subtype: 4, airspeed_type: 'ias', airspeed: 200, vertical_rate: 128, vertical_rate_source: 'barometric' });
    expect(msg.heading).toBeUndefined();
  });
});

describe('TC 28 aircraft status', () => {
  it('given the published subtype 1 frame, when decoded, then squawk 6513 and no emergency', () => {
    expect(decodeMe('8DA2C1B6E112B600000000760759')).toMatchObject({ tc: 28, squawk: '6513', emergency: 'none' });
  });

  it('given emergency state 5, when decoded, then the emergency is unlawful interference', () => {
    expect(decodeMe(extendedSquitter(0x123456, [[1, 5, 28], [6, 3, 1], [9, 3, 5]])).emergency).toBe('unlawful');
  });
});

describe('TC 29 target state and status', () => {
  it('given the published version-2 frame, when decoded, then MCP altitude 16992, QNH 1012.8, heading 66.8 and the mode flags', () => {
    const msg = decodeMe('8DA05629EA21485CBF3F8CADAEEB');
    expect(msg).toMatchObject({
      tc: 29, selected_altitude: 16992, selected_altitude_source: 'mcp_fcu', baro_setting: 1012.8,
      autopilot: true, vnav_mode: true, altitude_hold: false, approach_mode: false, tcas_operational: true, lnav_mode: true,
    });
    expect(msg.selected_heading).toBeCloseTo(66.8, 1);
  });

  it('given the FMS source bit and mode status clear, when decoded, then source fms and no mode flags', () => {
    const msg = decodeMe(extendedSquitter(0x123456, [[1, 5, 29], [6, 2, 1], [9, 1, 1], [10, 11, 101], [47, 1, 0], [48, 1, 1]]));
    expect(msg).toMatchObject({ selected_altitude: 3200, selected_altitude_source: 'fms' });
    expect(msg.autopilot).toBeUndefined();
  });
});

describe('TC 31 operational status', () => {
  it('given the published surface version-2 DF18 frame, when decoded, then version 2, NACp 9, SIL 0, on ground', () => {
    expect(decodeMe('903A33FFF90200040049001EA8E2')).toMatchObject({ tc: 31, adsb_version: 2, nic_supplement_a: 0, nac_p: 9, sil: 0, sil_supplement: 0, on_ground: true });
  });

  it('given an airborne version-2 status, when decoded, then GVA and NIC-baro are set and on_ground false', () => {
    const msg = decodeMe(extendedSquitter(0x123456, [[1, 5, 31], [6, 3, 0], [41, 3, 2], [44, 1, 1], [45, 4, 10], [49, 2, 2], [51, 2, 3], [53, 1, 1], [55, 1, 1]]));
    expect(msg).toMatchObject({ adsb_version: 2, nic_supplement_a: 1, nac_p: 10, gva: 2, sil: 3, nic_baro: 1, sil_supplement: 1, on_ground: false });
  });
});

describeShared('ADS-B fields against published vectors', [VECTORS_FILE], () => {
  it('given the published ADS-B altitude frames, when decoded, then altitudes match', () => {
    const cases = vectors('altitude_adsb').filter((v) => v.msg !== undefined && typeof v.expect.altitude === 'number');
    expect(cases.length).toBeGreaterThan(10);
    for (const v of cases) expect(decodeMe(v.msg!).altitude, v.id).toBe(v.expect.altitude);
  });

  it('given the movement-code boundary frames, when decoded, then ground speeds follow the quantisation table', () => {
    const cases = vectors('surface_velocity').filter((v) => 'movement' in v.expect);
    expect(cases.length).toBeGreaterThan(5);
    for (const v of cases) {
      const got = decodeMe(v.msg!).ground_speed;
      if (v.expect.groundspeed === null) expect(got, v.id).toBeUndefined();
      else expect(got, v.id).toBe(v.expect.groundspeed);
    }
  });

  it('given the vertical-rate boundary frames, when decoded, then rate and source bit match', () => {
    for (const v of vectors('velocity_vertical_rate')) {
      const msg = decodeMe(v.msg!);
      expect(msg.vertical_rate, v.id).toBe(v.expect.vertical_rate);
      expect(msg.vertical_rate_source, v.id).toBe(v.expect.vr_source_bit === 1 ? 'barometric' : 'geometric');
    }
  });

  it('given the ground-speed frames, when decoded, then speed and track are within the published tolerance', () => {
    const cases = vectors('velocity_groundspeed').filter((v) => v.msg !== undefined && typeof v.expect.groundspeed === 'number' && !/SYNTHETIC/.test(v.notes ?? ''));
    expect(cases.length).toBeGreaterThan(3);
    for (const v of cases) {
      const msg = decodeMe(v.msg!);
      expect(Math.abs(msg.ground_speed! - (v.expect.groundspeed as number)), v.id).toBeLessThan(1);
      if (typeof v.expect.track === 'number') expect(Math.abs(msg.heading! - v.expect.track), v.id).toBeLessThan(1);
    }
  });

  it('given the NIC frames of a single-supplement type code, when decoded, then NIC follows the type code', () => {
    const cases = vectors('nic').filter((v) => ![9, 11].includes(hexToBytes(v.msg!)[4] >> 3));
    for (const v of cases) expect(decodeMe(v.msg!).nic, v.id).toBe(v.expect.nic);
  });

  it('given the identification frames with valid parity, when decoded, then callsigns match', () => {
    for (const v of vectors('identification').filter((x) => typeof x.expect.callsign === 'string')) {
      expect(decodeMe(v.msg!).callsign, v.id).toBe(v.expect.callsign);
    }
  });
});

describe('TC 0 no position', () => {
  it('given TC 0 with an altitude field, when decoded, then only the barometric altitude is set', () => {
    const n = (5000 + 1000) / 25;
    const msg = decodeMe(extendedSquitter(0x123456, [[1, 5, 0], [9, 12, ((n & 0x7f0) << 1) | 0x10 | (n & 0xf)]]));
    expect(msg).toMatchObject({ tc: 0, altitude: 5000, altitude_type: 'barometric' });
    expect(msg.cpr_format).toBeUndefined();
  });
});
