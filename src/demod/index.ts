export { IqDemodulator, SLICE_SAMPLES, type DemodStats } from './iq-demodulator.ts';
export { SUPPORTED_IQ_RATES, isSupportedIqRate, type IqRate } from './slicer-timing.ts';
export { MAGNITUDE, FULL_SCALE_MAGNITUDE } from './magnitude.ts';
export { seededRandom, gaussian, type Random } from './seeded-random.ts';
export { modulate, type PlacedFrame, type ModulatorOptions } from './modulator.ts';
export { syntheticTraffic, type TrafficOptions } from './synthetic-traffic.ts';
