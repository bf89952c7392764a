// pyModeS's CSV samples replayed through our decoder.
// ADS-B: given 2,000 DF17 frames of one flight (406B90, EZY85MH, 12 minutes) with their reception
// times, when one streaming Decoder reads them in order, then all pass CRC, the callsign is
// EZY85MH, the airborne positions resolve into a plausible track and every velocity decodes.
// Comm-B: given 5,000 DF20 and 5,000 DF21 replies (with the address pyModeS derived per row),
// then the address/parity gives that address for 4,997 DF20 and 5,000 DF21 rows (README §2.3).
import { expect, it } from 'vitest';
import { Decoder } from '../../src/modes/decoder.ts';
import { icaoHex } from '../../src/modes/message.ts';
import { describeShared } from '../helpers/shared.ts';
import { readCsvRows } from './csv-rows.ts';
import { implausibleSteps, type Fix } from './track-plausibility.ts';

const ADSB = 'junzis__pyModeS/tests/data/sample_data_adsb.csv';
const DF20 = 'junzis__pyModeS/tests/data/sample_data_commb_df20.csv';
const DF21 = 'junzis__pyModeS/tests/data/sample_data_commb_df21.csv';

describeShared('pyModeS sample_data_adsb.csv replay (406B90 / EZY85MH)', [ADSB], () => {
  const rows = readCsvRows(ADSB).map(([t, hex, icao, tc]) => ({ t: Number(t), hex, icao, tc: Number(tc) }));
  const decoder = new Decoder();
  const results = rows.map((r) => {
    const m = decoder.decodeHex(r.hex, r.t);
    return m === null
      ? { r, m: null, reject: decoder.lastReject }
      : { r, m: { crc: m.crc_ok, fixed: m.corrected_bits, icao: icaoHex(m.icao), tc: m.tc, callsign: m.callsign, lat: m.latitude, lon: m.longitude, gs: m.ground_speed, hdg: m.heading, vr: m.vertical_rate, alt: m.altitude, cpr: m.cpr_format }, reject: undefined };
  });

  it('accepts all 2,000 frames as CRC-clean DF17 from 406B90 with the listed type codes', () => {
    expect(rows).toHaveLength(2000);
    expect(results.filter((x) => x.m === null).map((x) => `${x.r.hex} ${x.reject}`)).toEqual([]);
    for (const { r, m } of results) {
      expect(m!.crc).toBe(true);
      expect(m!.fixed).toBe(0);
      expect(m!.icao).toBe(r.icao);
      expect(m!.tc).toBe(r.tc);
    }
    expect(results.filter((x) => x.m!.tc === 19)).toHaveLength(965);
    expect(results.filter((x) => x.m!.tc === 11)).toHaveLength(937);
    expect(results.filter((x) => x.m!.tc === 4)).toHaveLength(98);
  });

  it('reads the callsign EZY85MH from every identification frame', () => {
    const callsigns = new Set(results.filter((x) => x.m!.tc === 4).map((x) => x.m!.callsign));
    expect([...callsigns]).toEqual(['EZY85MH']);
  });

  it('decodes ground speed, track and vertical rate from every velocity frame', () => {
    for (const { r, m } of results.filter((x) => x.m!.tc === 19)) {
      expect(m!.gs, r.hex).toBeGreaterThan(300);
      expect(m!.gs, r.hex).toBeLessThan(600);
      expect(m!.hdg, r.hex).toBeGreaterThanOrEqual(0);
      expect(m!.hdg, r.hex).toBeLessThan(360);
      expect(Number.isInteger(m!.vr), r.hex).toBe(true);
    }
  });

  it('resolves the airborne positions into a plausible track', () => {
    const positions = results.filter((x) => x.m!.tc === 11);
    const fixes: Fix[] = positions.filter((x) => x.m!.lat !== undefined).map((x) => ({ t: x.r.t, lat: x.m!.lat!, lon: x.m!.lon! }));
    // Only frames before the first even/odd pair may stay unresolved.
    const firstFix = positions.findIndex((x) => x.m!.lat !== undefined);
    expect(firstFix).toBeGreaterThanOrEqual(1);
    expect(firstFix).toBeLessThan(10);
    expect(fixes.length).toBe(positions.length - firstFix);
    // The flight's own fastest decoded ground speed plus 10 %, over the elapsed time plus 2 s:
    // the corpus has whole-second timestamps and rows within a second are not in reception order
    // (the aircraft flies west, yet the row 8D406B9058B98588… at 1457996412 lies 300 m west of the
    // next row of the same second), so two rows can be up to about 2 s further apart than listed.
    const maxGs = Math.max(...results.filter((x) => x.m!.gs !== undefined).map((x) => x.m!.gs!));
    expect(implausibleSteps(fixes, maxGs * 1.1, 2)).toEqual([]);
    // The whole flight stays in one region (2016-03-14, over the Netherlands/North Sea area).
    for (const f of fixes) {
      expect(Math.abs(f.lat - fixes[0].lat)).toBeLessThan(2);
      expect(Math.abs(f.lon - fixes[0].lon)).toBeLessThan(3);
    }
  });
});

describeShared('pyModeS Comm-B samples: address/parity', [DF20, DF21], () => {
  for (const [file, df, agreeing] of [[DF20, 20, 4997], [DF21, 21, 5000]] as const) {
    it(`recovers the listed address for ${agreeing} of 5,000 DF${df} rows (UTF-8 BOM skipped)`, () => {
      const rows = readCsvRows(file);
      expect(rows).toHaveLength(5000);
      expect(rows[0][0]).toMatch(/^\d+$/);
      const trusting = new Decoder({ trustAddressParity: true });
      const strict = new Decoder();
      const disagreeing: string[] = [];
      for (const [t, icao, hex] of rows) {
        const m = trusting.decodeHex(hex, Number(t));
        expect(m, hex).not.toBeNull();
        expect(m!.df).toBe(df);
        if (icaoHex(m!.icao) !== icao.toUpperCase()) disagreeing.push(`${hex}: listed ${icao} ours ${icaoHex(m!.icao)}`);
        // No DF11/17 confirms these addresses: a decoder that does not trust AP rejects them all.
        expect(strict.decodeHex(hex, Number(t))).toBeNull();
        expect(strict.lastReject).toBe('unknown_icao');
      }
      expect(5000 - disagreeing.length).toBe(agreeing);
      if (disagreeing.length > 0) console.info(`DF${df} rows whose listed icao is not the AP address:\n${disagreeing.join('\n')}`);
    });
  }
});
