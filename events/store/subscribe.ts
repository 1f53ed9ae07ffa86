import type { Database } from "../../engine/db/database.ts";
import { EVENTS_CHANNEL } from "./append.ts";
import { readAll } from "./read.ts";
import type { LogPosition, StoredEvent } from "./types.ts";

export interface SubscriptionOptions {
  from: LogPosition;
  handle: (batch: StoredEvent[]) => Promise<void>;
  batchSize?: number;
  /** Fallback when a NOTIFY is missed (or a blocking transaction that wrote nothing ends). */
  pollIntervalMs?: number;
  types?: readonly string[];
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** The position after the last batch handled successfully. */
  readonly position: LogPosition;
  stop(): Promise<void>;
  /** Resolves when the subscription has handled everything up to `position` or beyond. */
  caughtUp(): Promise<void>;
}

/**
 * Follows the global log: LISTEN/NOTIFY to wake up, polling as the fallback.
 *
 * Delivery is at-least-once: a batch is handled, then the cursor moves. If `handle` throws, the
 * same batch is offered again after a pause, so handlers must be idempotent (projections are:
 * their checkpoint commits with their rows).
 */
export function subscribeToAll(db: Database, options: SubscriptionOptions): Subscription {
  const batchSize = options.batchSize ?? 1000;
  const pollMs = options.pollIntervalMs ?? 500;
  let position = options.from;
  let stopped = false;
  let wake: (() => void) | null = null;
  const idleWaiters: (() => void)[] = [];
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const unlisten = db.listen(EVENTS_CHANNEL, nudge).catch((error) => {
    options.onError?.(error);
    return async () => {};
  });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    await unlisten;
    while (!stopped) {
      try {
        const batch = await readAll(db, { after: position, limit: batchSize, types: options.types });
        if (batch.length === 0) {
          for (const w of idleWaiters.splice(0)) w();
          await sleep(pollMs);
          continue;
        }
        await options.handle(batch);
        const last = batch[batch.length - 1];
        if (last) position = last.position;
      } catch (error) {
        if (stopped) break;
        options.onError?.(error);
        await sleep(pollMs);
      }
    }
  })();

  return {
    get position() {
      return position;
    },
    async stop() {
      stopped = true;
      nudge();
      await loop;
      await (await unlisten)();
    },
    caughtUp() {
      nudge();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
      });
    },
  };
}
