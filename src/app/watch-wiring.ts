// The watch part of the running service, wired in one place: the watch commands behind the API,
// the process runner that turns observations into alerts, the webhook gateway that pushes them
// out, and the per-user keys that seal and shred the personal fields on the way.
import type { Store } from './open-store.ts';
import { WatchProcessRunner } from './watch-process-runner.ts';
import { WatchService } from './watch-service.ts';
import { WebhookGateway, type WebhookGatewayOptions } from '../notifiers/webhook.ts';
import { PersonalData, UserKeys } from '../security/index.ts';
import { WatchQueries } from '../store/projections/watch-tables.ts';

export interface WatchParts {
  commands: WatchService;
  runner: WatchProcessRunner;
  gateway: WebhookGateway;
  personal: PersonalData;
  /** The user a watch belongs to (for the WebSocket hub's alert routing). */
  ownerOf(watchId: string): string | undefined;
  close(): Promise<void>;
}

export interface WatchLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export function startWatches(store: Store, logger?: WatchLogger, webhook: Partial<WebhookGatewayOptions> = {}): WatchParts {
  const personal = new PersonalData(new UserKeys(store.db));
  const queries = new WatchQueries(store.db);
  const commands = new WatchService({ log: store.log, queries, personal, catchUp: () => store.runner.catchUp() });
  const runner = new WatchProcessRunner(store.log, { logger });
  const gateway = new WebhookGateway({ log: store.log, personal, logger, ...webhook });
  runner.start();
  gateway.start();
  return {
    commands, runner, gateway, personal,
    ownerOf: (watchId) => queries.byId(watchId)?.user_id,
    close: async () => {
      await gateway.close();
      await runner.close();
    },
  };
}
