import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { EventStore } from "../../events/event-store.ts";
import { appendToStream } from "../../events/store/append.ts";
import { readAll, waitUntilReadable } from "../../events/store/read.ts";
import { START_OF_LOG } from "../../events/store/types.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { rawEvent } from "../../test/support/events.ts";
import { ManualClock } from "../time/clock.ts";
import { seededIds } from "../time/random.ts";
import { writeRows } from "./apply.ts";
import { contractsProjection } from "./contracts/projection.ts";
import { allProjections } from "./index.ts";
import { Projector } from "./projector.ts";
import { rebuildAll } from "./rebuild.ts";
import { replayFromEmpty } from "./replay.ts";
import { verifyProjections } from "./verify.ts";

let t: TestDatabase;
let store: EventStore;
const clock = new ManualClock("2026-11-24T00:00:00Z");

const observed = (ticker: string, yesBid: number) => ({
  type: "MarketObserved" as const,
  data: {
    ticker,
    eventTicker: "KXHIGHNY-26NOV24",
    seriesTicker: "KXHIGHNY",
    title: `Will ${ticker} resolve yes? 50°`,
    subtitle: 'a "quoted" \\ subtitle',
    category: "Climate and Weather",
    status: "active",
    closeTime: "2026-11-25T00:00:00Z",
    yesBid,
    yesAsk: yesBid + 10_000,
    noBid: 1_000_000 - yesBid - 10_000,
    noAsk: 1_000_000 - yesBid,
    yesBidSize: 100,
    yesAskSize: 200,
    lastPrice: null,
    volume: 1_000,
    openInterest: 500,
  },
});

async function dump(table: string) {
  return t.db.query(`SELECT to_jsonb(x) AS r FROM ${table} x ORDER BY to_jsonb(x)::text`);
}

beforeAll(async () => {
  t = await createTestDatabase();
  store = new EventStore(t.db, { clock, ids: seededIds(11), accountId: "acct", actor: "engine" });
  for (let round = 0; round < 4; round++) {
    clock.set(Date.parse("2026-11-24T00:00:00Z") + round * 60_000);
    await store.appendMany(
      Array.from({ length: 6 }, (_, m) => ({
        streamId: `market-M${m}`,
        events: [observed(`M${m}`, 900_000 + round * 10_000 + m)],
      })),
    );
  }
  await store.append("trading", [{ type: "TradingPaused", data: { reason: "test", pausedUntil: null } }]);
  expect(await waitUntilReadable(t.db)).toBe(true);
});
afterAll(() => t.drop());

describe("in-memory replay", () => {
  test("a rebuild produces what the incremental path produces, row for row", async () => {
    // step() is the incremental path alone (catchUp would replay these fresh tables in memory).
    const projector = new Projector(t.db, allProjections, { batchSize: 3 });
    while ((await projector.step()) > 0);
    const incremental = await dump("contracts");
    expect(incremental).toHaveLength(6);
    await rebuildAll(t.db);
    expect(await dump("contracts")).toEqual(incremental);
    expect((await verifyProjections(t.db)).totalDifferences).toBe(0);
  });

  test("stopping at maxRows writes what it has; the catch-up finishes the rest identically", async () => {
    const full = await dump("contracts");
    const result = await replayFromEmpty(t.db, allProjections, { schema: "public", pageSize: 2, maxRows: 3 });
    expect(result.complete).toBe(false);
    expect(result.events).toBeLessThan(25);
    await new Projector(t.db, allProjections).catchUp();
    expect(await dump("contracts")).toEqual(full);
  });

  test("until: the replay stops at the given position, inclusive", async () => {
    const log = await readAll(t.db, { after: START_OF_LOG, limit: 1000 });
    const until = log[8]?.position;
    if (!until) throw new Error("setup");
    const result = await replayFromEmpty(t.db, [contractsProjection], {
      schema: "public",
      pageSize: 4,
      until,
    });
    expect(result.events).toBe(9);
    expect(result.position).toEqual(until);
    const [row] = await t.db.query<{ n: number }>("SELECT sum(observations)::int AS n FROM contracts");
    expect(row?.n).toBe(9);
    await rebuildAll(t.db);
  });

  test("a failing replay leaves the tables and checkpoints as they were", async () => {
    const own = await createTestDatabase();
    try {
      const s = new EventStore(own.db, { clock, ids: seededIds(12), accountId: "acct", actor: "engine" });
      await s.append("market-A", [observed("A", 950_000)]);
      expect(await waitUntilReadable(own.db)).toBe(true);
      await rebuildAll(own.db);
      const before = await own.db.query("SELECT to_jsonb(c) AS r FROM contracts c");
      const checkpoints = await own.db.query(
        "SELECT projection, global_position FROM projection_checkpoints",
      );
      const bad = rawEvent(0, { type: "NoSuchThing" });
      await appendToStream(own.db, "broken", [bad]);
      expect(await waitUntilReadable(own.db)).toBe(true);
      await expect(rebuildAll(own.db)).rejects.toThrow(bad.id);
      expect(await own.db.query("SELECT to_jsonb(c) AS r FROM contracts c")).toEqual(before);
      expect(await own.db.query("SELECT projection, global_position FROM projection_checkpoints")).toEqual(
        checkpoints,
      );
    } finally {
      await own.drop();
    }
  });
});

describe("writeRows", () => {
  test("the column-array path stores exactly what jsonb_populate_recordset stores", async () => {
    const rows = [
      {
        market_id: "W-1",
        event_ticker: 'quote " and \\ backslash',
        series_ticker: "S",
        question: "50° ✓ {braces}, commas",
        subtitle: "",
        category: "NULL",
        status: "active",
        resolved: false,
        result: "",
        end_date: "2026-11-25T00:00:00.000Z",
        yes_bid: 0,
        yes_ask: null,
        no_bid: -5,
        no_ask: Number.NaN,
        yes_bid_size: 9_007_199_254_740_991,
        yes_ask_size: undefined,
        current_odds: null,
        volume: 1,
        open_interest: 2,
        rules: "line\nbreak\ttab",
        can_close_early: true,
        observations: 1,
        discovered_at: "2026-11-24T00:00:00+01:00",
        observed_at: "2026-11-24T00:00:00Z",
      },
    ];
    await t.db.transaction(async (tx) => {
      await tx.query("DELETE FROM contracts");
      await writeRows(tx, "public", contractsProjection, rows, []);
    });
    const viaArrays = await dump("contracts");
    await t.db.transaction(async (tx) => {
      await tx.query("DELETE FROM contracts");
      await tx.query(
        "INSERT INTO contracts SELECT * FROM jsonb_populate_recordset(NULL::contracts, $1::text::jsonb)",
        [JSON.stringify(rows)],
      );
    });
    expect(viaArrays).toEqual(await dump("contracts"));
    // A value with no exact text form (an object in a text column) takes the JSON path itself.
    const odd = [{ ...rows[0], market_id: "W-2", question: { not: "text" } }];
    await t.db.transaction((tx) => writeRows(tx, "public", contractsProjection, odd, []));
    const [row] = await t.db.query<{ q: string }>(
      "SELECT question AS q FROM contracts WHERE market_id = 'W-2'",
    );
    expect(row?.q).toBe('{"not": "text"}');
    await rebuildAll(t.db);
  });
});
