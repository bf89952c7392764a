// The encoder rebuilds real frames bit for bit (parity included) from their decoded fields.
import { expect, it } from 'vitest';
import {
  encodeAircraftStatus, encodeAirbornePosition, encodeAllCall, encodeIdentification, encodeSurfacePosition, encodeVelocity,
} from '../../../src/modes/encode/index.ts';
import { bytesToHex } from '../../../src/modes/message.ts';
import { describeShared, readShared } from '../../helpers/shared.ts';

function vectorHex(id: string): string {
  const all = JSON.parse(readShared('vectors.json').toString('utf8')) as { vectors: Array<{ id: string; msg?: string; msgs?: Array<{ msg: string }> }> };
  const v = all.vectors.find((x) => x.id === id);
  if (v === undefined) throw new Error(`no vector ${id}`);
  return (v.msg ?? v.msgs![0].msg).toUpperCase();
}

describeShared('encoder against published frames', ['vectors.json'], () => {
  it('given EZY85MH category A0, when encoded, then it is the published identification frame', () => {
    expect(bytesToHex(encodeIdentification({ icao: 0x406b90, callsign: 'EZY85MH', category: 'A0' }))).toBe(vectorHex('ident-ezy85mh'));
  });

  it('given KLM1023 (lower case input), when encoded, then it is the book identification frame', () => {
    expect(bytesToHex(encodeIdentification({ icao: 0x4840d6, callsign: 'klm1023' }))).toBe(vectorHex('ident-klm1023'));
  });

  it('given the book even position at 38,000 ft, when encoded, then it is the published even frame', () => {
    // The book's decoded lat_even/lon are exact multiples of the CPR quantum, so they re-encode exactly.
    const frame = encodeAirbornePosition({ icao: 0x40621d, lat: 52.2572021484375, lon: 3.91937255859375, odd: false, altitude: 38000 });
    expect(bytesToHex(frame)).toBe(vectorHex('cpr-air-local-40621d-book'));
  });

  it('given the book surface odd fix, 17 kt and track 92.8125°, when encoded with TC 7 on DF17 CA 4, then it is the published frame', () => {
    const frame = encodeSurfacePosition({
      icao: 0x484175, lat: 52.32056051997815, lon: 4.735735212053571, odd: true, groundSpeed: 17, track: 92.8125,
    });
    expect(bytesToHex(frame)).toBe(vectorHex('cpr-surf-local-484175-odd-book'));
  });

  it('given components (-8, -159) kt, -832 ft/min GNSS and +550 ft, when encoded (IFR bit set), then it is the published velocity', () => {
    const frame = encodeVelocity({
      icao: 0x485020, groundSpeed: Math.hypot(8, 159), track: 180 + (Math.atan2(8, 159) * 180) / Math.PI,
      verticalRate: -832, verticalRateSource: 'geometric', gnssBaroDiff: 550, ifrCapability: true,
    });
    expect(bytesToHex(frame)).toBe(vectorHex('vel-gs-485020'));
  });

  it('given TAS 375 kt, heading 694/1024 of a turn and -2304 ft/min baro, when encoded as subtype 3, then it is the book frame', () => {
    const frame = encodeVelocity({ icao: 0xa05f21, airspeed: 375, airspeedType: 'tas', heading: (694 * 360) / 1024, verticalRate: -2304 });
    expect(bytesToHex(frame)).toBe(vectorHex('vel-tas-a05f21'));
  });

  it('given squawk 6513 and no emergency, when encoded, then it is the published TC 28 frame', () => {
    expect(bytesToHex(encodeAircraftStatus({ icao: 0xa2c1b6, squawk: '6513' }))).toBe(vectorHex('bds61-emergency-squawk'));
  });

  it('given DF11 replies with II 0 and with overlay 22, when encoded, then they are the published all-call frames', () => {
    expect(bytesToHex(encodeAllCall({ icao: 0x3c65c9 }))).toBe(vectorHex('df11-3c65c9-watson'));
    expect(bytesToHex(encodeAllCall({ icao: 0x484fde, interrogator: 22 }))).toBe(vectorHex('df11-484fde'));
  });
});

it('given any encoder, then every call returns a fresh frame', () => {
  const a = encodeIdentification({ icao: 1, callsign: 'A' });
  const b = encodeIdentification({ icao: 1, callsign: 'A' });
  expect(a).not.toBe(b);
  expect(a).toEqual(b);
});
