import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Database } from "../../engine/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { rawEvent, rawEvents } from "../../test/support/events.ts";
import { appendToStream } from "./append.ts";
import { ConcurrencyError } from "./errors.ts";
import { readAll, readAllPages, readStream, waitUntilReadable } from "./read.ts";
import { START_OF_LOG } from "./types.ts";

let t: TestDatabase;
let db: Database;
beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
});
afterAll(() => t.drop());

let n = 0;
const fresh = () => `stream-${++n}`;

describe("append: expected-version matrix", () => {
  test("no_stream succeeds on a new stream and fails on an existing one", async () => {
    const s = fresh();
    expect((await appendToStream(db, s, [rawEvent()], { expectedVersion: "no_stream" })).nextVersion).toBe(1);
    const err = await appendToStream(db, s, [rawEvent()], { expectedVersion: "no_stream" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConcurrencyError);
    expect(err.actual).toBe(1);
  });

  test("stream_exists fails on a new stream and succeeds on an existing one", async () => {
    const s = fresh();
    await expect(
      appendToStream(db, s, [rawEvent()], { expectedVersion: "stream_exists" }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await appendToStream(db, s, [rawEvent()]);
    expect(
      (await appendToStream(db, s, [rawEvent()], { expectedVersion: "stream_exists" })).nextVersion,
    ).toBe(2);
  });

  test("an exact version must match; 0 means empty", async () => {
    const s = fresh();
    await appendToStream(db, s, rawEvents(2), { expectedVersion: 0 });
    await expect(appendToStream(db, s, [rawEvent()], { expectedVersion: 1 })).rejects.toThrow(
      `stream ${s}: expected version 1, but it is at 2`,
    );
    expect((await appendToStream(db, s, [rawEvent()], { expectedVersion: 2 })).nextVersion).toBe(3);
  });

  test("any always appends", async () => {
    const s = fresh();
    await appendToStream(db, s, [rawEvent()], { expectedVersion: "any" });
    expect((await appendToStream(db, s, rawEvents(3), { expectedVersion: "any" })).nextVersion).toBe(4);
  });

  test("a failed expectation writes nothing", async () => {
    const s = fresh();
    await appendToStream(db, s, [rawEvent()]);
    await appendToStream(db, s, rawEvents(5), { expectedVersion: 7 }).catch(() => {});
    expect(await readStream(db, s)).toHaveLength(1);
  });

  test("versions are contiguous from 1 and events keep their order", async () => {
    const s = fresh();
    await appendToStream(db, s, rawEvents(3, 0));
    await appendToStream(db, s, rawEvents(2, 3));
    const events = await readStream(db, s);
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    expect(events.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("append: what comes back", () => {
  test("positions are the stored events' positions, in stream order, one transaction", async () => {
    const s = fresh();
    await appendToStream(db, s, rawEvents(2));
    const result = await appendToStream(db, s, rawEvents(5, 2));
    expect(result).toMatchObject({ nextVersion: 7, appended: 5 });
    const stored = (await readStream(db, s)).slice(2);
    expect(result.positions).toEqual(stored.map((e) => e.position));
    expect(new Set(result.positions.map((p) => p.transactionId)).size).toBe(1);
  });

  test("a batch partly stored under an exact expectation appends the rest, checked against the stream", async () => {
    const s = fresh();
    const [a, b, c] = rawEvents(3);
    if (!a || !b || !c) throw new Error("setup");
    await appendToStream(db, s, [a, b], { expectedVersion: "no_stream" });
    // The optimistic insert hits the stored ids; the deduplicating retry appends only c, at v3.
    const result = await appendToStream(db, s, [b, c], { expectedVersion: 2 });
    expect(result).toMatchObject({ nextVersion: 3, appended: 1 });
    await expect(appendToStream(db, s, [c, rawEvent()], { expectedVersion: 2 })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });
});

describe("append: idempotency", () => {
  test("re-sending the same batch after a lost acknowledgement stores it once", async () => {
    const s = fresh();
    const batch = rawEvents(3);
    const first = await appendToStream(db, s, batch, { expectedVersion: "no_stream" });
    // The client never heard back and tries again with the same expectation: a no-op, not a conflict.
    const again = await appendToStream(db, s, batch, { expectedVersion: "no_stream" });
    expect(first.appended).toBe(3);
    expect(again).toEqual({ nextVersion: 3, appended: 0, positions: [] });
    expect(await readStream(db, s)).toHaveLength(3);
  });

  test("a batch that overlaps stored events appends only the new ones", async () => {
    const s = fresh();
    const [a, b, c] = rawEvents(3);
    if (!a || !b || !c) throw new Error("setup");
    await appendToStream(db, s, [a, b]);
    const result = await appendToStream(db, s, [b, c]);
    expect(result.appended).toBe(1);
    expect((await readStream(db, s)).map((e) => e.id)).toEqual([a.id, b.id, c.id]);
  });

  test("the same id is refused in another stream by the unique constraint, not a cache", async () => {
    const e = rawEvent();
    await appendToStream(db, fresh(), [e]);
    const other = fresh();
    const result = await appendToStream(db, other, [e]);
    expect(result.appended).toBe(0);
    expect(await readStream(db, other)).toHaveLength(0);
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE event_id = $1", [
      e.id,
    ]);
    expect(row?.n).toBe(1);
  });

  test("duplicate ids within one batch are a caller error", async () => {
    const e = rawEvent();
    await expect(appendToStream(db, fresh(), [e, e])).rejects.toThrow(/duplicate event ids/);
  });
});

describe("the log is immutable", () => {
  test("UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    await appendToStream(db, fresh(), [rawEvent()]);
    await expect(db.query("UPDATE events SET data = '{}'")).rejects.toThrow(/immutable/);
    await expect(db.query("DELETE FROM events")).rejects.toThrow(/immutable/);
    await expect(db.query("TRUNCATE events")).rejects.toThrow(/immutable/);
  });
});

describe("reading", () => {
  test("readAll pages through the global log in order with the (transaction, position) cursor", async () => {
    expect(await waitUntilReadable(db)).toBe(true);
    const before = await readAll(db, { after: START_OF_LOG, limit: 100_000 });
    const s = fresh();
    await appendToStream(db, s, rawEvents(25));
    expect(await waitUntilReadable(db)).toBe(true);
    let cursor = before.at(-1)?.position ?? START_OF_LOG;
    const seen: number[] = [];
    for (;;) {
      const page = await readAll(db, { after: cursor, limit: 7 });
      if (page.length === 0) break;
      seen.push(...page.map((e) => (e.data as { n: number }).n));
      cursor = page.at(-1)?.position ?? cursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  test("readAllPages yields exactly what readAll returns, page by page, odd text included", async () => {
    await appendToStream(db, `odd "stream" \\ ${fresh()} ✓ 50°`, [
      rawEvent(1, { type: 'Odd"Type\\' }),
      rawEvent(2, { data: { s: 'tab\tline\nquote" ✓', nested: [1, null, { x: -0.5e-7 }] } }),
    ]);
    expect(await waitUntilReadable(db)).toBe(true);
    const all = await readAll(db, { after: START_OF_LOG, limit: 100_000 });
    const paged: typeof all = [];
    for await (const page of readAllPages(db, { after: START_OF_LOG, pageSize: 4 })) {
      expect(page.length).toBeLessThanOrEqual(4);
      paged.push(...page);
    }
    expect(paged).toEqual(all);
    const until = all[5]?.position;
    if (!until) throw new Error("setup");
    const upTo: typeof all = [];
    for await (const page of readAllPages(db, { after: START_OF_LOG, pageSize: 4, until }))
      upTo.push(...page);
    expect(upTo).toEqual(all.slice(0, 6));
  });

  test("readAll can filter by type", async () => {
    const s = fresh();
    await appendToStream(db, s, [
      rawEvent(1, { type: "Wanted" }),
      rawEvent(2),
      rawEvent(3, { type: "Wanted" }),
    ]);
    expect(await waitUntilReadable(db)).toBe(true);
    const page = await readAll(db, { after: START_OF_LOG, limit: 1000, types: ["Wanted"] });
    expect(page.map((e) => (e.data as { n: number }).n)).toEqual([1, 3]);
  });
});

describe("appendToStreams: many streams, one statement", () => {
  test("appends to each stream at its next versions and skips stored ids", async () => {
    const { appendToStreams } = await import("./append-many.ts");
    const a = fresh();
    const b = fresh();
    await appendToStream(db, a, rawEvents(2));
    const repeat = rawEvent(9);
    const result = await appendToStreams(db, [
      { streamId: a, events: [rawEvent(2), repeat] },
      { streamId: b, events: rawEvents(3) },
    ]);
    expect(result.appended).toBe(5);
    expect((await readStream(db, a)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    expect((await readStream(db, b)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    const again = await appendToStreams(db, [{ streamId: a, events: [repeat] }]);
    expect(again.appended).toBe(0);
  });
});
