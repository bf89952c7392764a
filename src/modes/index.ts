// The public surface of the Mode S / ADS-B decoder.
export { Decoder, type DecoderOptions, type DecoderStats } from './decoder.ts';
export { IcaoCache } from './icao-cache.ts';
export * from './message.ts';
export { messageRecord } from './message-record.ts';
export { crc24, crcRemainder, writeParity, syndromeTables, applyRepair, type SyndromeTable } from './crc.ts';
export { decodeAc12, decodeAc13, gillhamToAltitude, isMetricAc13 } from './altitude.ts';
export { decodeId13, id13ToModeA, squawkString, emergencyFromModeA } from './identity.ts';
export { decodeCallsign, isValidCallsign } from './callsign.ts';
export { bitField, bitAt } from './bits.ts';
export { decodeExtendedSquitter } from './adsb/extended-squitter.ts';
export { decodeIdentification, emitterCategory } from './adsb/identification.ts';
export { decodeAirbornePosition } from './adsb/airborne-position.ts';
export { decodeSurfacePosition, movementToKnots } from './adsb/surface-position.ts';
export { decodeVelocity } from './adsb/velocity.ts';
export { decodeAircraftStatus, emergencyState } from './adsb/aircraft-status.ts';
export { decodeTargetState } from './adsb/target-state.ts';
export { decodeOperationalStatus } from './adsb/operational-status.ts';
export { decodeCommB, isBds20 } from './commb/comm-b.ts';
