// Process managers: pure (state, event) → commands, one instance per flow.
export { react, startWatchProcess, type AlertTrigger, type LoggedInput, type RecordFlightLost, type RecordFlightSpotted, type WatchProcess, type WatchProcessCommand } from './watch.ts';
export { alertFact } from './alert-facts.ts';
export { distanceNm, matchesWatch } from './watch-match.ts';
