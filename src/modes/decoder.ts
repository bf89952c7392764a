// The streaming Mode S decoder: CRC check and repair, address/parity recovery against the ICAO
// cache, field decoding by downlink format, and CPR position resolution through the tracker.
// One ModeSMessage is reused for every frame (copy it with `snapshotMessage` to keep it); the
// input bytes are copied into a private buffer, repaired there, and never mutated. Bad input is a
// counted reject reason, never an exception. Time is the frame's own (seconds, NaN unknown).
import { decodeExtendedSquitter } from './adsb/extended-squitter.ts';
import { decodeAc13 } from './altitude.ts';
import { bitField } from './bits.ts';
import { decodeCommB } from './commb/comm-b.ts';
import { applyRepair, crcRemainder, syndromeTables, type SyndromeTable } from './crc.ts';
import { CprTracker } from './cpr-tracker.ts';
import { IcaoCache } from './icao-cache.ts';
import { emergencyFromModeA, id13ToModeA, squawkString } from './identity.ts';
import { createMessage, resetMessage, type AddressType, type CprRejectReason, type ModeSMessage, type RejectReason } from './message.ts';

export interface DecoderOptions {
  /** Receiver position, for receiver-relative CPR decoding and range checks. */
  receiver?: { lat: number; lon: number };
  maxRangeNm?: number;
  /** Repair single-bit errors in DF11/17/18 (default true). */
  fixOneBit?: boolean;
  /** Also repair two-bit errors in DF17/18 (default false); such frames carry corrected_bits 2. */
  fixTwoBits?: boolean;
  /** How long a confirmed address vouches for address/parity replies (default 60 s of frame time). */
  icaoTtlSeconds?: number;
  /** Accept DF0/4/5/16/20/21 from addresses never confirmed (for corpora of isolated frames). */
  trustAddressParity?: boolean;
}

export interface DecoderStats {
  accepted: number;
  /** Accepted frames by downlink format (index = DF). */
  acceptedByDf: number[];
  /** Accepted frames by bits repaired (index 0 = clean, 1, 2). */
  correctedBits: number[];
  rejected: Record<RejectReason, number>;
  /** The CPR tracker's counters. */
  readonly cpr: Readonly<Record<CprRejectReason | 'global_ok' | 'local_ok', number>>;
}

const REJECT_REASONS: readonly RejectReason[] = ['bad_length', 'crc_failed', 'unknown_icao', 'df24_comm_d', 'mode_ac', 'unsupported_df', 'bad_hex'];

// Frame length in bytes of each downlink format this decoder accepts (0 = not accepted):
// short (56-bit) DF0/4/5/11, long (112-bit) DF16/17/18/20/21. DF24+ (Comm-D) is handled apart.
const DF_BYTES: Uint8Array = (() => {
  const table = new Uint8Array(32);
  for (const df of [0, 4, 5, 11]) table[df] = 7;
  for (const df of [16, 17, 18, 20, 21]) table[df] = 14;
  return table;
})();

const NON_ICAO_FLAG = 0x1000000;

const DF18_ADDRESS_TYPES: readonly AddressType[] = [
  'adsb_icao_nt', 'adsb_other', 'tisb_icao', 'tisb_trackfile', 'unknown', 'tisb_other', 'adsr_icao', 'unknown',
];
// DF18 control fields whose ME uses the DF17 type-code layouts (CF 3 coarse TIS-B, 4 management, 7 reserved do not).
const DF18_CARRIES_ME = [true, true, true, false, false, true, true, false];

export class Decoder {
  private readonly buf = new Uint8Array(14);
  private readonly short: Uint8Array = this.buf.subarray(0, 7);
  private readonly msg: ModeSMessage = createMessage();
  private readonly icaos: IcaoCache;
  private readonly cpr: CprTracker;
  private readonly fixOneBit: boolean;
  private readonly fixTwoBits: boolean;
  private readonly trustAddressParity: boolean;
  private readonly tables: { long1: SyndromeTable; long2: SyndromeTable; df11: SyndromeTable };
  private nextPrune = Number.NaN;
  private reject: RejectReason | undefined;
  readonly stats: DecoderStats;

  constructor(options: DecoderOptions = {}) {
    this.fixOneBit = options.fixOneBit ?? true;
    this.fixTwoBits = options.fixTwoBits ?? false;
    this.trustAddressParity = options.trustAddressParity ?? false;
    this.icaos = new IcaoCache(options.icaoTtlSeconds ?? 60);
    this.cpr = new CprTracker({ receiver: options.receiver, maxRangeNm: options.maxRangeNm });
    this.tables = syndromeTables();
    const cpr = this.cpr;
    this.stats = {
      accepted: 0,
      acceptedByDf: new Array<number>(32).fill(0),
      correctedBits: [0, 0, 0],
      rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>,
      get cpr() {
        return cpr.stats;
      },
    };
  }

  /** Why the last frame that returned null was rejected. */
  get lastReject(): RejectReason | undefined {
    return this.reject;
  }

  /** Decodes one frame (2, 7 or 14 bytes); `timestamp` in seconds, undefined/NaN when unknown. */
  decode(frame: Uint8Array, timestamp?: number): ModeSMessage | null {
    const n = frame.length;
    if (n !== 14 && n !== 7) return this.rejected(n === 2 ? 'mode_ac' : 'bad_length');
    const buf = this.buf;
    for (let i = 0; i < n; i++) buf[i] = frame[i];
    return this.decodeBuffered(n, timestamp);
  }

  /** Decodes a frame written as hex (14 or 28 digits, either case). */
  decodeHex(hex: string, timestamp?: number): ModeSMessage | null {
    const digits = hex.length;
    if (digits !== 28 && digits !== 14) return this.rejected(digits === 4 ? 'mode_ac' : 'bad_length');
    const buf = this.buf;
    for (let i = 0; i < digits; i += 2) {
      const hi = nibble(hex.charCodeAt(i));
      const lo = nibble(hex.charCodeAt(i + 1));
      if (hi < 0 || lo < 0) return this.rejected('bad_hex');
      buf[i >> 1] = (hi << 4) | lo;
    }
    return this.decodeBuffered(digits >> 1, timestamp);
  }

  /** Aircraft with CPR state held. */
  trackedAircraft(): number {
    return this.cpr.size();
  }

  private decodeBuffered(n: number, timestamp: number | undefined): ModeSMessage | null {
    const buf = this.buf;
    const df = buf[0] >> 3;
    if (df >= 24) return this.rejected(n === 14 ? 'df24_comm_d' : 'bad_length');
    const expected = DF_BYTES[df];
    if (expected !== n) return this.rejected(expected === 0 ? 'unsupported_df' : 'bad_length');
    const time = timestamp === undefined ? Number.NaN : timestamp;
    const msg = this.msg;
    resetMessage(msg);
    msg.bytes = n === 14 ? buf : this.short;
    msg.bits = n * 8;
    msg.df = df;
    msg.timestamp = time;
    msg.corrected_bits = 0;
    msg.crc_ok = true;

    let ok: boolean;
    if (df === 17 || df === 18) ok = this.extendedSquitter(msg, df, time);
    else if (df === 11) ok = this.allCall(msg, time);
    else ok = this.addressParity(msg, n, df, time);
    if (!ok) return null;

    if (time === time) this.maybePrune(time);
    this.reject = undefined;
    this.stats.accepted++;
    this.stats.acceptedByDf[df]++;
    this.stats.correctedBits[msg.corrected_bits]++;
    return msg;
  }

  private extendedSquitter(msg: ModeSMessage, df: number, time: number): boolean {
    const buf = this.buf;
    const syndrome = crcRemainder(buf, 14);
    if (syndrome !== 0 && !this.repairLong(msg, syndrome)) return false;
    const icao = (buf[1] << 16) | (buf[2] << 8) | buf[3];
    msg.icao = icao;
    // A two-bit repair can land on a different, valid-looking address: believe it only for a known one.
    if (msg.corrected_bits === 2 && !this.icaos.isKnown(icao, time)) return this.rejectedFalse('unknown_icao');
    let carriesMe = true;
    if (df === 17) {
      const ca = buf[0] & 7;
      msg.capability = ca;
      msg.address_type = 'adsb_icao';
      if (ca === 4) msg.on_ground = true;
      else if (ca === 5) msg.on_ground = false;
      if (msg.corrected_bits === 0) this.icaos.confirm(icao, time);
    } else {
      const cf = buf[0] & 7;
      msg.cf = cf;
      msg.address_type = DF18_ADDRESS_TYPES[cf];
      carriesMe = DF18_CARRIES_ME[cf];
      // Only CF 0 is the aircraft's own transponder with an ICAO address; the rest are anonymous or relayed.
      if (cf === 0 && msg.corrected_bits === 0) this.icaos.confirm(icao, time);
    }
    if (carriesMe) {
      decodeExtendedSquitter(buf, msg);
      if (df === 18 && (msg.cf === 2 || msg.cf === 6) && imfSet(buf, msg.tc!)) {
        msg.address_type = msg.cf === 2 ? 'tisb_other' : 'adsr_other';
      }
      // Anonymous and non-ICAO addresses get CPR state of their own (bit 24 set, as dump1090 does),
      // so a relayed track never pairs with the frames of an aircraft owning the same number.
      const anonymous = msg.address_type === 'adsb_other' || msg.address_type === 'tisb_other' || msg.address_type === 'adsr_other';
      if (anonymous) msg.icao = icao | NON_ICAO_FLAG;
      if (msg.cpr_format !== undefined) this.cpr.resolve(msg);
      else if (msg.tc === 19) this.noteSpeed(msg, time);
      msg.icao = icao;
    }
    return true;
  }

  private repairLong(msg: ModeSMessage, syndrome: number): boolean {
    const { long1, long2 } = this.tables;
    if (this.fixOneBit || this.fixTwoBits) {
      const one = long1.lookup(syndrome);
      if (one >= 0) {
        msg.corrected_bits = applyRepair(this.buf, long1, one);
        return true;
      }
    }
    if (this.fixTwoBits) {
      const two = long2.lookup(syndrome);
      if (two >= 0) {
        msg.corrected_bits = applyRepair(this.buf, long2, two);
        return true;
      }
    }
    return this.rejectedFalse('crc_failed');
  }

  private allCall(msg: ModeSMessage, time: number): boolean {
    const buf = this.buf;
    let syndrome = crcRemainder(buf, 7);
    if ((syndrome & 0xffff80) !== 0) {
      const df11 = this.tables.df11;
      const entry = this.fixOneBit ? df11.lookup(syndrome & 0xffff80) : -1;
      if (entry < 0) return this.rejectedFalse('crc_failed');
      msg.corrected_bits = applyRepair(buf, df11, entry);
      syndrome = crcRemainder(buf, 7);
    }
    const icao = (buf[1] << 16) | (buf[2] << 8) | buf[3];
    msg.icao = icao;
    // Replies to a particular interrogator, and repaired ones, could be a corrupted address: they
    // are believed only for known aircraft. A clean reply to the all-call (II 0) confirms one.
    if (syndrome === 0 && msg.corrected_bits === 0) this.icaos.confirm(icao, time);
    else if (!this.icaos.isKnown(icao, time)) return this.rejectedFalse('unknown_icao');
    msg.interrogator = syndrome;
    const ca = buf[0] & 7;
    msg.capability = ca;
    if (ca === 4) msg.on_ground = true;
    else if (ca === 5) msg.on_ground = false;
    return true;
  }

  private addressParity(msg: ModeSMessage, n: number, df: number, time: number): boolean {
    const buf = this.buf;
    const icao = crcRemainder(buf, n);
    const known = this.icaos.isKnown(icao, time);
    if (!known && !this.trustAddressParity) return this.rejectedFalse('unknown_icao');
    msg.icao = icao;
    // The parity cannot be checked, only matched to a known address.
    msg.crc_ok = known;
    if (df === 0 || df === 16) {
      msg.on_ground = (buf[0] & 0x04) !== 0;
      this.surveillanceAltitude(msg);
      return true;
    }
    const fs = buf[0] & 7;
    msg.flight_status = fs;
    msg.downlink_request = buf[1] >> 3;
    msg.utility_message = ((buf[1] & 7) << 3) | (buf[2] >> 5);
    if (fs === 0 || fs === 2) msg.on_ground = false;
    else if (fs === 1 || fs === 3) msg.on_ground = true;
    msg.alert = fs >= 2 && fs <= 4;
    msg.spi = fs === 4 || fs === 5;
    if (df === 4 || df === 20) this.surveillanceAltitude(msg);
    else {
      const id13 = bitField(buf, 20, 32);
      const modeA = id13ToModeA(id13);
      msg.squawk = squawkString(modeA);
      msg.emergency = emergencyFromModeA(modeA);
    }
    if (df >= 20) decodeCommB(buf, msg);
    return true;
  }

  private surveillanceAltitude(msg: ModeSMessage): void {
    const altitude = decodeAc13(bitField(this.buf, 20, 32));
    if (altitude === altitude) {
      msg.altitude = altitude;
      msg.altitude_type = 'barometric';
    }
  }

  private noteSpeed(msg: ModeSMessage, time: number): void {
    if (msg.ground_speed !== undefined) this.cpr.noteSpeed(msg.icao, time, msg.ground_speed, 'gs');
    else if (msg.airspeed !== undefined) this.cpr.noteSpeed(msg.icao, time, msg.airspeed, msg.airspeed_type === 'tas' ? 'tas' : 'ias');
  }

  private maybePrune(time: number): void {
    // Drop CPR state of aircraft gone quiet, once a minute of frame time.
    if (this.nextPrune === this.nextPrune && time < this.nextPrune) return;
    if (this.nextPrune === this.nextPrune) this.cpr.prune(time);
    this.nextPrune = time + 60;
  }

  private rejected(reason: RejectReason): null {
    this.reject = reason;
    this.stats.rejected[reason]++;
    return null;
  }

  private rejectedFalse(reason: RejectReason): false {
    this.rejected(reason);
    return false;
  }
}

/**
 * Fine TIS-B (CF 2) and ADS-R (CF 6) carry an IMF bit saying the address is not an ICAO one, in a
 * position that depends on the type code: ME bit 8 in airborne positions, 21 in surface positions,
 * 9 in velocity (dump1090-fa reads the same positions). Other type codes carry none.
 */
function imfSet(frame: Uint8Array, tc: number): boolean {
  let meBit: number;
  if ((tc >= 9 && tc <= 18) || (tc >= 20 && tc <= 22)) meBit = 8;
  else if (tc >= 5 && tc <= 8) meBit = 21;
  else if (tc === 19) meBit = 9;
  else return false;
  return bitField(frame, 32 + meBit, 32 + meBit) === 1;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
