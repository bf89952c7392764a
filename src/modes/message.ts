// The decoder's output. One object per Decoder is reused frame after frame (the hot path allocates
// nothing per frame); callers that keep a message must copy it (`snapshotMessage`).
// Field names are snake_case because they are the vocabulary of `skyledger decode` and of the
// event payloads; a field is `undefined` when the frame does not carry it.

export type AltitudeType = 'barometric' | 'geometric';
export type CprFormat = 'even' | 'odd';
export type PositionDecoding = 'global' | 'local';
export type Emergency = 'none' | 'general' | 'lifeguard' | 'minfuel' | 'nordo' | 'unlawful' | 'downed' | 'reserved';
export type AirspeedType = 'ias' | 'tas';

/** Why a frame was not accepted. Counted by the decoder; summarized by the CLI. */
export type RejectReason =
  | 'bad_length'
  | 'crc_failed'
  | 'unknown_icao'
  | 'df24_comm_d'
  | 'mode_ac'
  | 'unsupported_df';

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
  'capability', 'cf', 'interrogator', 'flight_status', 'tc', 'bds', 'callsign', 'category', 'altitude',
  'altitude_type', 'squawk', 'emergency', 'spi', 'alert', 'on_ground', 'cpr_format', 'cpr_lat', 'cpr_lon',
  'latitude', 'longitude', 'position_decoding', 'cpr_reject', 'nic', 'ground_speed', 'heading', 'vertical_rate',
  'vertical_rate_source', 'airspeed_type', 'airspeed', 'gnss_baro_diff', 'velocity_subtype', 'selected_altitude',
  'selected_altitude_source', 'baro_setting', 'selected_heading', 'autopilot', 'vnav_mode', 'altitude_hold',
  'approach_mode', 'lnav_mode', 'tcas_operational', 'adsb_version', 'nic_supplement_a', 'nic_supplement_c',
  'nac_p', 'nac_v', 'sil', 'sil_supplement', 'gva', 'nic_baro',
] as const satisfies readonly (keyof ModeSMessage)[];

export function icaoHex(icao: number): string {
  return icao.toString(16).toUpperCase().padStart(6, '0');
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTE[bytes[i]];
  return out;
}

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

/** A detached copy that survives the next decode call. */
export function snapshotMessage(m: ModeSMessage): ModeSMessage {
  return { ...m, bytes: m.bytes.slice() };
}
