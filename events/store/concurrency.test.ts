/**
 * The event store under real concurrency. PGlite has a single connection, so these run on
 * PostgreSQL only (set TEST_DATABASE_URL; .ci/run does).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import type { Database } from "../../engine/db/database.ts";
import { APPEND_SCALE, recordFigures } from "../../test/chaos/figures.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../../test/db.ts";
import { rawEvent, rawEvents } from "../../test/support/events.ts";
import { appendToStream, appendWithin } from "./append.ts";
import { ConcurrencyError } from "./errors.ts";
import { readAll, readStream } from "./read.ts";
import { subscribeToAll } from "./subscribe.ts";
import { START_OF_LOG, type StoredEvent } from "./types.ts";

/** How long the late-commit test waits for the cluster-wide horizon: 30 s at most, in 50 ms steps. */
const HORIZON_POLLS = 600;
const HORIZON_POLL_MS = 50;

describe.skipIf(!onPostgres)("event store on PostgreSQL under concurrency", () => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase({ postgres: { max: 20 } });
    db = t.db;
  });
  afterAll(() => t?.drop());

  test("two writers with the same expected version: exactly one wins, no gap, no duplicate", async () => {
    for (let round = 0; round < 20 * APPEND_SCALE; round++) {
      const stream = `race-${round}`;
      await appendToStream(db, stream, [rawEvent()]);
      const results = await Promise.allSettled([
        appendToStream(db, stream, rawEvents(2), { expectedVersion: 1 }),
        appendToStream(db, stream, rawEvents(2), { expectedVersion: 1 }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      const versions = (await readStream(db, stream)).map((e) => e.streamVersion);
      expect(versions).toEqual([1, 2, 3]);
    }
    if (process.env.CHAOS_MODE) recordFigures("stream-races", { streamRaces: 20 * APPEND_SCALE });
  });

  test("late commit: a reader never skips a transaction that took its id first and committed last", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const hasId = new Promise<void>((r) => {
      started = r;
    });
    const [head] = await db.query<{ txid: string; p: number }>(
      "SELECT transaction_id::text AS txid, global_position AS p FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1",
    );
    const from = head ? { transactionId: head.txid, globalPosition: head.p } : START_OF_LOG;

    const a = db.transaction(async (tx) => {
      await tx.query("SELECT pg_current_xact_id()"); // A takes its transaction id now…
      started();
      await gate; // …and holds it.
      return appendWithin(tx, "late-a", rawEvents(2, 100), "any");
    });
    await hasId;
    await appendToStream(db, "late-b", rawEvents(2, 200)); // B appends and commits.

    const whileAOpen = await readAll(db, { after: from, limit: 100 });
    expect(whileAOpen).toHaveLength(0); // B is committed but beyond the horizon: nothing yet.

    release();
    await a;
    // Both are committed now, but the horizon is cluster-wide: a transaction open in another
    // database on the same server (another test file, another session) can still hold it below
    // A's or B's id for a moment. So wait for it, boundedly, and check every read on the way:
    // what is visible is always a prefix of the final order (A's events, then B's), never B alone.
    const expected = [100, 101, 200, 201];
    let seen: number[] = [];
    for (let attempt = 0; attempt < HORIZON_POLLS; attempt++) {
      seen = (await readAll(db, { after: from, limit: 100 })).map((e) => (e.data as { n: number }).n);
      expect(seen).toEqual(expected.slice(0, seen.length));
      if (seen.length === expected.length) break;
      await new Promise((resolve) => setTimeout(resolve, HORIZON_POLL_MS));
    }
    expect(seen).toEqual(expected);
  }, 60_000);

  // The chaos suite (test/chaos/run.ts) runs this at CHAOS_APPEND_SCALE=10: 240,000 events.
  const perWriter = 1500 * APPEND_SCALE;
  const total = (16 * perWriter).toLocaleString("en-US");
  test(
    `stress: 16 writers × ${perWriter.toLocaleString("en-US")} events while a subscriber follows the log: all ${total} exactly once`,
    async () => {
      const [head] = await db.query<{ txid: string; p: number }>(
        "SELECT transaction_id::text AS txid, global_position AS p FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1",
      );
      const from = head ? { transactionId: head.txid, globalPosition: head.p } : START_OF_LOG;
      const writers = 16;
      const seen = new Map<string, number>();
      const reader = t.connect({ max: 2 });
      const sub = subscribeToAll(reader, {
        from,
        batchSize: 500,
        pollIntervalMs: 50,
        handle: async (batch: StoredEvent[]) => {
          for (const e of batch) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
        },
      });
      const expected = new Set<string>();
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          // Mixed batch sizes, so transactions of very different lengths interleave.
          let sent = 0;
          while (sent < perWriter) {
            const size = Math.min(perWriter - sent, 1 + ((w * 7 + sent) % 60));
            const batch = rawEvents(size, sent);
            for (const e of batch) expected.add(e.id);
            await appendToStream(db, `stress-${w}`, batch);
            sent += size;
          }
        }),
      );
      const deadline = Date.now() + 30_000 * APPEND_SCALE;
      while (seen.size < writers * perWriter && Date.now() < deadline) await Bun.sleep(20);
      await sub.stop();
      expect(expected.size).toBe(writers * perWriter);
      expect(seen.size).toBe(writers * perWriter);
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
      expect([...expected].every((id) => seen.has(id))).toBe(true);
      if (process.env.CHAOS_MODE)
        recordFigures("concurrent-appends", { writers, perWriter, eventsExactlyOnce: seen.size });
    },
    60_000 * APPEND_SCALE,
  );

  test("a process killed mid-append leaves no partial batch", async () => {
    const batchSize = 20_000;
    const script = `
      import { openPostgres } from "./engine/db/postgres.ts";
      import { appendToStream } from "./events/store/append.ts";
      import { rawEvents } from "./test/support/events.ts";
      const db = openPostgres(process.env.URL);
      process.stdout.write("ready\\n");
      for (let i = 0; ; i++) await appendToStream(db, "killed-" + process.env.TRIAL + "-" + i, rawEvents(${batchSize}));
    `;
    for (let trial = 0; trial < 3; trial++) {
      const child = spawn(process.execPath, ["-e", script], {
        cwd: `${import.meta.dir}/../..`,
        // Streams of their own per trial: an append whose statement reached the server before the
        // kill still commits (whole), and must not be mistaken for half of a later trial's batch.
        env: { ...process.env, URL: t.url ?? "", TRIAL: String(trial) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      await Bun.sleep(300 + trial * 250);
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    // Give PostgreSQL a moment to notice the dead backends and finish (or roll back) their work.
    await Bun.sleep(300);
    const rows = await db.query<{ stream_id: string; n: number }>(
      "SELECT stream_id, count(*)::int AS n FROM events WHERE stream_id LIKE 'killed-%' GROUP BY stream_id",
    );
    for (const r of rows) expect(r.n).toBe(batchSize);
  }, 30_000);
});
