// Injectors: where observations become events.
export { ObservationInjector, type ObservationPolicy, type SkipReason } from './observations.ts';
export { CleanupTicker, startLiveCleanupTicks, type CleanupTickOptions } from './cleanup-ticks.ts';
