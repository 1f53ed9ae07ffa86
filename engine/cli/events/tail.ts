/**
 * `events tail`: follows the global log live, in commit-safe order (the store's subscription:
 * LISTEN/NOTIFY to wake, polling as the fallback). Every event is decoded as it passes, so a bad
 * one stops the tail loudly, naming it, exactly like replay and audit.
 */
import { catalog, type EventType, isEventType } from "../../../events/catalog/index.ts";
import { type DomainEvent, decodeEvent } from "../../../events/codec.ts";
import { headPosition } from "../../../events/store/read.ts";
import { subscribeToAll } from "../../../events/store/subscribe.ts";
import { formatPosition, type LogPosition, START_OF_LOG } from "../../../events/store/types.ts";
import type { Database } from "../../db/database.ts";
import { UsageError } from "../command.ts";

export interface TailOptions {
  /** Only these types (validated against the catalog). */
  types?: readonly EventType[];
  /** Start after this position; "head" (default) shows only what is appended from now on. */
  from?: LogPosition | "head" | "start";
  /** Stop after this many events. */
  count?: number;
  /** Stops the tail (Ctrl-C). */
  signal?: AbortSignal;
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** Told once the tail is listening (tests append only after this). */
  onReady?: (from: LogPosition) => void;
}

/** One event as a JSON line: everything but the store's internal shape. */
export function eventLine(e: DomainEvent) {
  return {
    position: formatPosition(e.position),
    id: e.id,
    type: e.type,
    version: e.version,
    stream: e.streamId,
    streamVersion: e.streamVersion,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.recordedAt,
    accountId: e.metadata.accountId,
    actor: e.metadata.actor,
    correlationId: e.metadata.correlationId,
    causationId: e.metadata.causationId,
    data: e.data,
  };
}

/** "MarketObserved,OrderFilled" → checked types; an unknown name is a usage error listing the known. */
export function parseTypes(values: readonly string[]): EventType[] {
  const names = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!isEventType(n))
      throw new UsageError(
        `unknown event type ${JSON.stringify(n)}; known: ${Object.keys(catalog).join(", ")}`,
      );
  }
  return names as EventType[];
}

/**
 * Calls `write` for every event after the start, in log order, until `count` events were written,
 * the signal aborts, or an event fails to decode (the promise then rejects with that error).
 * Resolves with how many were written.
 */
export async function tailEvents(
  db: Database,
  write: (e: DomainEvent) => void,
  options: TailOptions = {},
): Promise<number> {
  const from =
    options.from === "start"
      ? START_OF_LOG
      : options.from === undefined || options.from === "head"
        ? ((await headPosition(db)) ?? START_OF_LOG)
        : options.from;
  let written = 0;
  let failure: unknown = null;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  if (options.count !== undefined && options.count <= 0) return 0;
  const sub = subscribeToAll(db, {
    from,
    types: options.types?.length ? options.types : undefined,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    handle: async (batch) => {
      for (const stored of batch) {
        if (failure || (options.count !== undefined && written >= options.count)) return;
        let event: DomainEvent;
        try {
          event = decodeEvent(stored);
        } catch (error) {
          failure = error;
          finish();
          return;
        }
        write(event);
        written++;
        if (options.count !== undefined && written >= options.count) finish();
      }
    },
    // Reading errors (a dropped connection) are retried by the subscription; only reported.
    onError: (error) => options.onError?.(error),
  });
  const abort = () => finish();
  options.signal?.addEventListener("abort", abort, { once: true });
  if (options.signal?.aborted) finish();
  options.onReady?.(from);
  try {
    await finished;
  } finally {
    options.signal?.removeEventListener("abort", abort);
    await sub.stop();
  }
  if (failure) throw failure;
  return written;
}
