import type { Database } from "../engine/db/database.ts";
import type { Clock } from "../engine/time/clock.ts";
import type { IdGenerator } from "../engine/time/random.ts";
import { catalog, type EventInput, type EventType } from "./catalog/index.ts";
import { type DomainEvent, decodeEvent, encodeData } from "./codec.ts";
import { appendToStream } from "./store/append.ts";
import { appendToStreams } from "./store/append-many.ts";
import { readAll, readStream } from "./store/read.ts";
import { type Subscription, type SubscriptionOptions, subscribeToAll } from "./store/subscribe.ts";
import type {
  Actor,
  AppendResult,
  EventMetadata,
  ExpectedVersion,
  LogPosition,
  NewEvent,
} from "./store/types.ts";

/** An event about to be appended: its type, its data, and optionally a deterministic id. */
export type PendingEvent = { [T in EventType]: { type: T; data: EventInput<T>; id?: string } }[EventType];

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
  /** Defaults to the first event's id: a new causal chain starts here. */
  correlationId?: string;
  causationId?: string | null;
  actor?: Actor;
}

export interface EventStoreContext {
  clock: Clock;
  ids: IdGenerator;
  accountId: string;
  actor: Actor;
  /** Told after every append that stored something: metrics and the log context listen here. */
  onAppended?: (info: { appended: number; correlationId: string | null }) => void;
}

/**
 * The typed face of the event log. Validates every event against its schema before it is
 * stored, stamps metadata from the injected clock, and decodes (and upcasts) on the way out.
 */
export class EventStore {
  constructor(
    readonly db: Database,
    readonly context: EventStoreContext,
  ) {}

  async append(
    streamId: string,
    events: readonly PendingEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const occurredAt = new Date(this.context.clock.now()).toISOString();
    const prepared: NewEvent[] = events.map((e) => {
      const id = e.id ?? this.context.ids.next();
      return {
        id,
        type: e.type,
        version: catalog[e.type].version,
        data: encodeData(e.type, e.data as never, id),
        metadata: {} as EventMetadata,
      };
    });
    const correlationId = options.correlationId ?? prepared[0]?.id ?? this.context.ids.next();
    for (const e of prepared) {
      e.metadata = {
        correlationId,
        causationId: options.causationId ?? null,
        actor: options.actor ?? this.context.actor,
        occurredAt,
        accountId: this.context.accountId,
      };
    }
    const result = await appendToStream(this.db, streamId, prepared, {
      expectedVersion: options.expectedVersion ?? "any",
    });
    if (result.appended > 0) this.context.onAppended?.({ appended: result.appended, correlationId });
    return result;
  }

  /** Many streams in one transaction, no version expectation (see appendToStreams). */
  async appendMany(
    batches: readonly { streamId: string; events: readonly PendingEvent[] }[],
    options: Omit<AppendOptions, "expectedVersion"> = {},
  ): Promise<{ appended: number }> {
    const occurredAt = new Date(this.context.clock.now()).toISOString();
    const prepared = batches.map((b) => ({
      streamId: b.streamId,
      events: b.events.map((e): NewEvent => {
        const id = e.id ?? this.context.ids.next();
        return {
          id,
          type: e.type,
          version: catalog[e.type].version,
          data: encodeData(e.type, e.data as never, id),
          metadata: {
            correlationId: options.correlationId ?? id,
            causationId: options.causationId ?? null,
            actor: options.actor ?? this.context.actor,
            occurredAt,
            accountId: this.context.accountId,
          },
        };
      }),
    }));
    const result = await appendToStreams(this.db, prepared);
    if (result.appended > 0)
      this.context.onAppended?.({ appended: result.appended, correlationId: options.correlationId ?? null });
    return result;
  }

  async readStream(streamId: string, afterVersion = 0): Promise<DomainEvent[]> {
    return (await readStream(this.db, streamId, { afterVersion })).map(decodeEvent);
  }

  async readAll(after: LogPosition, limit: number, types?: readonly EventType[]): Promise<DomainEvent[]> {
    return (await readAll(this.db, { after, limit, types })).map(decodeEvent);
  }

  subscribe(
    options: Omit<SubscriptionOptions, "handle"> & { handle: (batch: DomainEvent[]) => Promise<void> },
  ): Subscription {
    const { handle, ...rest } = options;
    return subscribeToAll(this.db, { ...rest, handle: (batch) => handle(batch.map(decodeEvent)) });
  }
}
