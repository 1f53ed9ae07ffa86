import { dumbo, rawSql } from "@event-driven-io/dumbo";
import type { Event } from "@event-driven-io/emmett";
import { getPostgreSQLEventStore, readMessagesBatch } from "@event-driven-io/emmett-postgresql";
import type { Database } from "../../engine/db/database.ts";
import { decodeEvent } from "../../events/codec.ts";
import { appendToStream } from "../../events/store/append.ts";
import { readAll, readStream } from "../../events/store/read.ts";
import { type LogPosition, type NewEvent, START_OF_LOG } from "../../events/store/types.ts";
import type { Resources } from "../lib/scratch.ts";

export interface AppendCall {
  streamId: string;
  events: NewEvent[];
}

/** One event store on one database, driven through the same workloads as the others. */
export interface StoreUnderTest {
  readonly store: "conviction" | "emmett";
  readonly database: string;
  /** Whether reading the whole global log is affordable (Emmett's is quadratic in log size). */
  readonly wholeLogReads: boolean;
  /**
   * Ready-to-run appends. Any conversion to the store's own event shape happens here, outside
   * the timer, so only the store's work is measured.
   */
  appends(calls: readonly AppendCall[]): (() => Promise<unknown>)[];
  /** The whole global log in pages (or the first `maxPages`), as a catching-up reader would. */
  readAllPages(pageSize: number, maxPages?: number): Promise<{ events: number; pages: number }>;
  /** Our typed read: the same pages, each event schema-checked and upcast (what projections see). */
  readAllPagesDecoded?(pageSize: number, maxPages?: number): Promise<{ events: number; pages: number }>;
  readStream(streamId: string): Promise<number>;
  /** Flush dirty pages between runs, so one run's checkpoint never lands on the next run's clock. */
  checkpoint(): Promise<void>;
  /**
   * VACUUM ANALYZE the whole (scratch) database before reads: sets hint bits and statistics now,
   * rather than autovacuum doing it in the middle of some store's measurement.
   */
  vacuum(): Promise<void>;
}

export function ourStore(db: Database, database: string): StoreUnderTest {
  const pages = async (pageSize: number, maxPages: number, decode: boolean) => {
    let after: LogPosition = START_OF_LOG;
    let events = 0;
    let count = 0;
    for (;;) {
      const page = await readAll(db, { after, limit: pageSize });
      count++;
      if (decode) for (const e of page) decodeEvent(e);
      events += page.length;
      const last = page.at(-1);
      if (!last || page.length < pageSize || count >= maxPages) break;
      after = last.position;
    }
    return { events, pages: count };
  };
  return {
    store: "conviction",
    database,
    wholeLogReads: true,
    appends: (calls) => calls.map((c) => () => appendToStream(db, c.streamId, c.events)),
    readAllPages: (pageSize, maxPages = Number.POSITIVE_INFINITY) => pages(pageSize, maxPages, false),
    readAllPagesDecoded: (pageSize, maxPages = Number.POSITIVE_INFINITY) => pages(pageSize, maxPages, true),
    readStream: async (streamId) => (await readStream(db, streamId)).length,
    checkpoint: async () => {
      await db.query("CHECKPOINT");
    },
    vacuum: async () => {
      await db.query("VACUUM ANALYZE");
    },
  };
}

type EmmettEvent = Event<string, Record<string, unknown>, Record<string, unknown>>;

/** Same content as ours: the data object, our metadata, and our id as Emmett's messageId. */
const toEmmett = (e: NewEvent): EmmettEvent => ({
  type: e.type,
  data: e.data as Record<string, unknown>,
  metadata: { ...e.metadata, messageId: e.id },
});

/**
 * Emmett's PostgreSQL event store on its own scratch database. Its schema is created here, before
 * any timing (getPostgreSQLEventStore would otherwise migrate lazily inside the first append).
 * The store and the global reader share one dumbo pool, as an Emmett application would.
 */
export async function emmettStore(res: Resources, url: string): Promise<StoreUnderTest> {
  const pool = dumbo({ connectionString: url });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: pool } });
  res.defer(() => store.close()); // closes the shared pool too
  await store.schema.migrate();
  return {
    store: "emmett",
    database: "postgres",
    wholeLogReads: false,
    appends: (calls) =>
      calls.map((c) => {
        const events = c.events.map(toEmmett);
        return () => store.appendToStream(c.streamId, events);
      }),
    async readAllPages(pageSize, maxPages = Number.POSITIVE_INFINITY) {
      // Emmett's global read: the batch reader its consumers and projections use.
      let after = 0n;
      let events = 0;
      let count = 0;
      for (;;) {
        const batch = await readMessagesBatch(pool.execute, { after, batchSize: pageSize });
        count++;
        events += batch.messages.length;
        if (!batch.areMessagesLeft || count >= maxPages) break;
        after = batch.currentGlobalPosition;
      }
      return { events, pages: count };
    },
    readStream: async (streamId) => (await store.readStream(streamId)).events.length,
    checkpoint: async () => {
      await pool.execute.command(rawSql("CHECKPOINT"));
    },
    vacuum: async () => {
      await pool.execute.command(rawSql("VACUUM ANALYZE"));
    },
  };
}
