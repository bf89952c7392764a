import { describe, expect, it } from 'vitest';
import { SbsParser, writeSbs, type SbsObservation } from '../../src/wire/sbs.ts';
import { describeShared, readShared } from '../helpers/shared.ts';
import { bytesOf, randomChunks, seededRandom } from './collect.ts';

const SBS_FILE = 'denzen84__beastblackbox/example/beast_decoded_sbs.txt';

function parseAll(chunks: Uint8Array[]) {
  const parser = new SbsParser();
  const seen: SbsObservation[] = [];
  for (const c of chunks) parser.push(c, (o) => seen.push(o));
  const tail = parser.end((o) => seen.push(o));
  return { seen, stats: parser.stats, tail };
}

describe('SbsParser', () => {
  it('reads position, velocity, identification and surveillance lines field by field', () => {
    // given four dump1090-style lines
    const text = [
      'MSG,3,1,1,400159,1,2018/04/03,19:03:29.021,2018/04/10,21:24:39.724,,2625,,,59.74472,30.57192,,,,,,0',
      'MSG,4,1,1,42460C,1,2018/04/03,19:02:28.336,2018/04/10,21:24:39.437,,,418,170,,,-64,,,,,0',
      'MSG,1,1,1,424263,1,2018/04/03,19:02:28.521,2018/04/10,21:24:39.440,UTA470  ,,,,,,,,,,,0',
      'MSG,6,1,1,400159,1,2018/04/03,19:02:28.367,2018/04/10,21:24:39.437,,,,,,,,7700,-1,-1,0,-1',
      '',
    ].join('\r\n');
    // when parsed
    const { seen, stats } = parseAll([bytesOf(text)]);
    // then
    expect(seen[0]).toMatchObject({ transmissionType: 3, icao: '400159', altitude: 2625, latitude: 59.74472, longitude: 30.57192, onGround: false, callsign: null, generatedDate: '2018/04/03', generatedTime: '19:03:29.021' });
    expect(seen[1]).toMatchObject({ transmissionType: 4, icao: '42460C', groundSpeed: 418, track: 170, verticalRate: -64, altitude: null });
    expect(seen[2]).toMatchObject({ transmissionType: 1, callsign: 'UTA470' });
    expect(seen[3]).toMatchObject({ transmissionType: 6, squawk: '7700', alert: true, emergency: true, spi: false, onGround: true });
    expect(stats).toMatchObject({ messages: 4, malformed: 0, heartbeats: 0 });
  });

  it('counts a bare CRLF as a heartbeat and reads the geometric H suffix', () => {
    const { seen, stats } = parseAll([bytesOf('\r\nMSG,3,1,1,ABCDEF,1,d,t,d,t,,3500H,,,,,128H,,,,,\r\n\r\n')]);
    expect(seen[0]).toMatchObject({ altitude: 3500, altitudeGeometric: true, verticalRate: 128, verticalRateGeometric: true });
    expect(stats.heartbeats).toBe(2);
  });

  it('counts malformed lines with their line number and carries on', () => {
    const good = 'MSG,8,1,1,780A5C,1,2018/04/03,19:03:28.972,2018/04/10,21:24:39.724,,,,,,,,,,,,0';
    const text = [
      good,
      'MSG,8,1,1,780A5C,1,too,few', // field count
      good.replace('MSG,8', 'MSG,9'), // transmission type
      good.replace('780A5C', '780A5G'), // address
      good.replace(',,,,,,,,,,,0', ',abc,,,,,,,,,,0'), // altitude
      good.replace(',,,,,,,,,,,0', ',,,,,,,,,,,2'), // flag
      'SEL,,1,1,780A5C,1,d,t,d,t,X', // another record type
      'x'.repeat(5000),
      good,
    ].join('\n');
    const { seen, stats } = parseAll([bytesOf(text)]);
    expect(seen).toHaveLength(2);
    expect(stats).toMatchObject({ messages: 2, malformed: 7, lastMalformedLine: 8 });
    expect(stats.byType[8]).toBe(2);
  });

  it('writes lines that parse back to the same observation', () => {
    const o: SbsObservation = {
      transmissionType: 3, sessionId: '1', aircraftId: '1', icao: '4D2023', flightId: '1',
      generatedDate: '2026/11/26', generatedTime: '04:00:00.000', loggedDate: '2026/11/26', loggedTime: '04:00:00.001',
      callsign: 'AMC421', altitude: 12000, altitudeGeometric: false, groundSpeed: 250, track: 90,
      latitude: 37.00264, longitude: 13.83491, verticalRate: -640, verticalRateGeometric: true,
      squawk: '1000', alert: false, emergency: false, spi: true, onGround: false,
    };
    const line = writeSbs(o);
    expect(line).toBe('MSG,3,1,1,4D2023,1,2026/11/26,04:00:00.000,2026/11/26,04:00:00.001,AMC421  ,12000,250,90,37.00264,13.83491,-640H,1000,0,0,-1,0\r\n');
    expect(parseAll([bytesOf(line)]).seen).toEqual([o]);
  });
});

describeShared('SbsParser on the published beastblackbox SBS output', [SBS_FILE], () => {
  const data = readShared(SBS_FILE);

  it('reads 8,622 MSG lines with the published per-type counts and counts the trailer as malformed', () => {
    const { seen, stats, tail } = parseAll([data]);
    expect(seen).toHaveLength(8_622);
    expect(stats.byType).toEqual([0, 146, 0, 1_498, 1_492, 588, 422, 498, 3_978]);
    // the trailer: a blank line (heartbeat), "Total processed …", "WARNING! …"
    expect(stats).toMatchObject({ messages: 8_622, heartbeats: 1, malformed: 2, lastMalformedLine: 8_625 });
    expect(tail).toBe(0);
    expect(seen.find((o) => o.icao === '424263' && o.callsign !== null)?.callsign).toBe('UTA470');
  });

  it('gives the same observations in any chunk split, and writeSbs reproduces every MSG line byte for byte', () => {
    const whole = parseAll([data]);
    const split = parseAll(randomChunks(data, seededRandom(30003), 97));
    expect(split.seen).toEqual(whole.seen);
    const lines = data.toString('latin1').split('\n').filter((l) => l.startsWith('MSG')).map((l) => `${l}\n`);
    expect(whole.seen.map(writeSbs)).toEqual(lines);
  });
});
