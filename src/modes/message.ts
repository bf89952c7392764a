// The decoder's output. One object per Decoder is reused frame after frame (the hot path allocates
// nothing per frame); callers that keep a message must copy it (`snapshotMessage`).
// Field names are snake_case because they are the vocabulary of `skyledger decode` and of the
// event payloads; a field is `undefined` when the frame does not carry it.
import { toHex } from '../wire/hex.ts';

export type AltitudeType = 'barometric' | 'geometric';
export type CprFormat = 'even' | 'odd';
export type PositionDecoding = 'global' | 'local';
export type Emergency = 'none' | 'general' | 'lifeguard' | 'minfuel' | 'nordo' | 'unlawful' | 'downed' | 'reserved';
export type AirspeedType = 'ias' | 'tas';
/** Who the address belongs to and how the data reached us (dump1090-fa's `type` vocabulary). */
export type AddressType =
  | 'mode_s' | 'adsb_icao' | 'adsb_icao_nt' | 'adsb_other' | 'tisb_icao' | 'tisb_other' | 'tisb_trackfile'
  | 'adsr_icao' | 'adsr_other' | 'unknown';
export type HeadingType = 'track' | 'magnetic' | 'true';

/** Why a frame was not accepted. Counted by the decoder; summarized by the CLI. */
export type RejectReason =
  | 'bad_length'
  | 'crc_failed'
  | 'unknown_icao'
  | 'df24_comm_d'
  | 'mode_ac'
  | 'unsupported_df'
  | 'bad_hex';

/** Why a CPR position was not produced although the frame carried one. Counted, never thrown. */
export type CprRejectReason =
  | 'global_nl_mismatch'
  | 'global_bad_latitude'
  | 'global_range'
  | 'global_speed'
  | 'local_no_reference'
  | 'local_range'
  | 'local_speed'
  | 'surface_no_reference';

export interface ModeSMessage {
  /** The frame bytes after any repair; a view valid until the next decode call. */
  bytes: Uint8Array;
  /** 56 or 112. */
  bits: number;
  df: number;
  /** 24-bit ICAO address as a number (-1 unknown); `icaoHex` renders it. */
  icao: number;
  crc_ok: boolean;
  corrected_bits: number;
  /** Time of reception in seconds (from the capture or feed), NaN when unknown. */
  timestamp: number;

  // DF11/17/18 header fields
  capability?: number;
  /** DF18 control field. */
  cf?: number;
  /** DF11 interrogator identifier (II/SI code from the parity remainder). */
  interrogator?: number;
  /** DF4/5/20/21 flight status. */
  flight_status?: number;
  /** DF4/5/20/21 downlink request and utility message. */
  downlink_request?: number;
  utility_message?: number;
  /** Set on DF17/18 frames: ICAO vs non-ICAO address, ADS-B vs TIS-B/ADS-R relay. */
  address_type?: AddressType;

  // ADS-B
  tc?: number;
  /** Comm-B register as "2,0" style string when inferred (DF20/21). */
  bds?: string;
  callsign?: string;
  category?: string;
  altitude?: number;
  altitude_type?: AltitudeType;
  squawk?: string;
  emergency?: Emergency;
  spi?: boolean;
  alert?: boolean;
  on_ground?: boolean;
  cpr_format?: CprFormat;
  cpr_lat?: number;
  cpr_lon?: number;
  latitude?: number;
  longitude?: number;
  position_decoding?: PositionDecoding;
  /** Set when the frame carried a CPR position that could not be resolved (yet or at all). */
  cpr_reject?: CprRejectReason;
  nic?: number;
  ground_speed?: number;
  heading?: number;
  /** What `heading` is: ground track (TC 19 subtypes 1/2, surface) or magnetic/true heading. */
  heading_type?: HeadingType;
  vertical_rate?: number;
  vertical_rate_source?: AltitudeType;
  airspeed_type?: AirspeedType;
  airspeed?: number;
  /** TC 19 GNSS height minus barometric altitude, ft. */
  gnss_baro_diff?: number;
  velocity_subtype?: number;

  // TC 29 target state and status (version 2)
  selected_altitude?: number;
  selected_altitude_source?: 'mcp_fcu' | 'fms';
  baro_setting?: number;
  selected_heading?: number;
  autopilot?: boolean;
  vnav_mode?: boolean;
  altitude_hold?: boolean;
  approach_mode?: boolean;
  lnav_mode?: boolean;
  tcas_operational?: boolean;

  // Comm-B (DF20/21) registers: 4,0 selected vertical intention, 5,0 track and turn, 6,0 heading and speed
  selected_altitude_mcp?: number;
  selected_altitude_fms?: number;
  /** Degrees, negative = left wing down. */
  roll?: number;
  true_track?: number;
  /** Degrees per second. */
  track_rate?: number;
  true_airspeed?: number;
  magnetic_heading?: number;
  indicated_airspeed?: number;
  mach?: number;
  baro_vertical_rate?: number;
  inertial_vertical_rate?: number;

  // TC 31 operational status
  adsb_version?: number;
  nic_supplement_a?: number;
  nic_supplement_c?: number;
  nac_p?: number;
  nac_v?: number;
  sil?: number;
  sil_supplement?: number;
  gva?: number;
  nic_baro?: number;
}

/** The keys that are reset to `undefined` before each decode, kept in one list so reset stays cheap. */
export const OPTIONAL_MESSAGE_KEYS = [
  'capability', 'cf', 'interrogator', 'flight_status', 'downlink_request', 'utility_message', 'address_type', 'tc', 'bds', 'callsign', 'category', 'altitude',
  'altitude_type', 'squawk', 'emergency', 'spi', 'alert', 'on_ground', 'cpr_format', 'cpr_lat', 'cpr_lon',
  'latitude', 'longitude', 'position_decoding', 'cpr_reject', 'nic', 'ground_speed', 'heading', 'heading_type', 'vertical_rate',
  'vertical_rate_source', 'airspeed_type', 'airspeed', 'gnss_baro_diff', 'velocity_subtype', 'selected_altitude',
  'selected_altitude_source', 'baro_setting', 'selected_heading', 'autopilot', 'vnav_mode', 'altitude_hold',
  'approach_mode', 'lnav_mode', 'tcas_operational', 'adsb_version', 'nic_supplement_a', 'nic_supplement_c',
  'nac_p', 'nac_v', 'sil', 'sil_supplement', 'gva', 'nic_baro', 'selected_altitude_mcp', 'selected_altitude_fms',
  'roll', 'true_track', 'track_rate', 'true_airspeed', 'magnetic_heading', 'indicated_airspeed', 'mach',
  'baro_vertical_rate', 'inertial_vertical_rate',
] as const satisfies readonly (keyof ModeSMessage)[];

/** A message with every optional key present (as undefined), so all messages share one shape. */
export function createMessage(): ModeSMessage {
  const m = { bytes: new Uint8Array(0), bits: 0, df: -1, icao: -1, crc_ok: false, corrected_bits: 0, timestamp: Number.NaN } as ModeSMessage;
  resetMessage(m);
  return m;
}

/**
 * Clears every optional key. Written out key by key rather than looping over
 * OPTIONAL_MESSAGE_KEYS: fixed-name stores are several times faster on the per-frame path
 * (a test keeps the two lists in step).
 */
export function resetMessage(m: ModeSMessage): void {
  m.capability = undefined; m.cf = undefined; m.interrogator = undefined; m.flight_status = undefined;
  m.downlink_request = undefined; m.utility_message = undefined; m.address_type = undefined; m.tc = undefined;
  m.bds = undefined; m.callsign = undefined; m.category = undefined; m.altitude = undefined;
  m.altitude_type = undefined; m.squawk = undefined; m.emergency = undefined; m.spi = undefined; m.alert = undefined;
  m.on_ground = undefined; m.cpr_format = undefined; m.cpr_lat = undefined; m.cpr_lon = undefined;
  m.latitude = undefined; m.longitude = undefined; m.position_decoding = undefined; m.cpr_reject = undefined;
  m.nic = undefined; m.ground_speed = undefined; m.heading = undefined; m.heading_type = undefined;
  m.vertical_rate = undefined; m.vertical_rate_source = undefined; m.airspeed_type = undefined; m.airspeed = undefined;
  m.gnss_baro_diff = undefined; m.velocity_subtype = undefined; m.selected_altitude = undefined;
  m.selected_altitude_source = undefined; m.baro_setting = undefined; m.selected_heading = undefined;
  m.autopilot = undefined; m.vnav_mode = undefined; m.altitude_hold = undefined; m.approach_mode = undefined;
  m.lnav_mode = undefined; m.tcas_operational = undefined; m.adsb_version = undefined; m.nic_supplement_a = undefined;
  m.nic_supplement_c = undefined; m.nac_p = undefined; m.nac_v = undefined; m.sil = undefined;
  m.sil_supplement = undefined; m.gva = undefined; m.nic_baro = undefined; m.selected_altitude_mcp = undefined;
  m.selected_altitude_fms = undefined; m.roll = undefined; m.true_track = undefined; m.track_rate = undefined;
  m.true_airspeed = undefined; m.magnetic_heading = undefined; m.indicated_airspeed = undefined; m.mach = undefined;
  m.baro_vertical_rate = undefined; m.inertial_vertical_rate = undefined;
}

export function icaoHex(icao: number): string {
  return icao.toString(16).toUpperCase().padStart(6, '0');
}

/** Upper-case hex of every byte, as the wire formats spell it. */
export function bytesToHex(bytes: Uint8Array): string {
  return toHex(bytes);
}

/** A detached copy that survives the next decode call. */
export function snapshotMessage(m: ModeSMessage): ModeSMessage {
  return { ...m, bytes: m.bytes.slice() };
}
