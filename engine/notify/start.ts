import { EventStore } from "../../events/event-store.ts";
import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Clock } from "../time/clock.ts";
import type { IdGenerator } from "../time/random.ts";
import { Notifier, type NotifierOptions } from "./notifier.ts";
import { targetsFrom } from "./targets.ts";

/** What tests (and a simulation) may tune; everything else comes from the config. */
export type NotifierTuning = Partial<
  Pick<NotifierOptions, "fetch" | "sleep" | "retry" | "timeoutMs" | "pollIntervalMs" | "releaseIntervalMs">
>;

/**
 * Starts the notifier beside the engine, or returns null when no channel is configured. A failure
 * to start is logged and the engine goes on: notifications must never stop trading.
 */
export async function startNotifier(
  deps: {
    config: Config;
    db: Database;
    clock: Clock;
    ids: IdGenerator;
    secrets: readonly string[];
    log: Logger;
    isActive: () => boolean;
  },
  tuning: NotifierTuning = {},
): Promise<Notifier | null> {
  const targets = targetsFrom(deps.config.notify);
  if (targets.length === 0) return null;
  const store = new EventStore(deps.db, {
    clock: deps.clock,
    ids: deps.ids,
    accountId: deps.config.accountId,
    actor: "system",
  });
  const notifier = new Notifier({
    db: deps.db,
    store,
    timezone: deps.config.timezone,
    targets,
    secrets: deps.secrets,
    log: deps.log,
    isActive: deps.isActive,
    ...tuning,
  });
  try {
    await notifier.start();
    deps.log.info("notifications on", {
      channels: targets.map((t) => `${t.channel} (${t.destination})`),
    });
    return notifier;
  } catch (error) {
    deps.log.error("notifications could not start; trading goes on without them", { error });
    await notifier.stop().catch(() => {});
    return null;
  }
}
