// The public surface of the traffic simulator (pure: every random choice comes from the Prng passed in).
export { Prng } from './prng.ts';
export { TrafficSimulator, TICKS_PER_SECOND, type SimFrame, type SimFrameSink, type SimulationOptions, type SimulationSummary } from './traffic-simulator.ts';
export { generateTraffic, DEFAULT_TRAFFIC_OPTIONS, type Airport, type Traffic, type TrafficOptions } from './traffic.ts';
export { Flight, newFlightState, type FlightIdentity, type FlightKind, type FlightMotion, type FlightState } from './flight.ts';
export { DEFAULT_RATES, MESSAGE_KINDS, rateOf, type MessageKind, type MessageRates } from './message-rates.ts';
export { IqCapture, type IqCaptureOptions, type IqSink } from './iq-capture.ts';
export { aircraftTruth, frameTruth, runTruth, summaryTruth, TRACK_COLUMNS, type AircraftTruth, type FrameTruth, type RunTruth, type TrackPoint } from './truth.ts';
export { distanceM, initialBearing, travel, METRES_PER_NM, type LatLon } from './great-circle.ts';
