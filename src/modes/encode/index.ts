// The public surface of the Mode S encoder: every function returns a fresh frame with its parity.
export { encodeCpr, type CprCode } from './cpr.ts';
export { encodeAc12, encodeAc13, encodeGillham } from './altitude.ts';
export { encodeId13 } from './identity.ts';
export { writeCallsign } from './callsign.ts';
export { writeBits, writeMe } from './bit-writer.ts';
export { newExtendedSquitter, sealExtendedSquitter, type SquitterAddress } from './extended-squitter.ts';
export { encodeIdentification, type IdentificationFields } from './identification.ts';
export { encodeAirbornePosition, type AirbornePositionFields } from './airborne-position.ts';
export { encodeSurfacePosition, movementCode, type SurfacePositionFields } from './surface-position.ts';
export { encodeVelocity, type VelocityFields } from './velocity.ts';
export { encodeAircraftStatus, type AircraftStatusFields } from './aircraft-status.ts';
export { encodeAllCall, type AllCallFields } from './all-call.ts';
export {
  encodeSurveillanceAltitude, encodeSurveillanceIdentity,
  type SurveillanceFields, type SurveillanceAltitudeFields, type SurveillanceIdentityFields,
} from './surveillance.ts';
