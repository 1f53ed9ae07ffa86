import { afterAll, expect, test } from "bun:test";
import { EventStore } from "../../../events/event-store.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ManualClock } from "../../time/clock.ts";
import { seededIds } from "../../time/random.ts";
import { allTrades } from "../../trading/read-model.ts";
import { runBacktest } from "../run.ts";
import { observation } from "../testing.ts";
import { readObservations } from "./log-source.ts";
import { memorySource } from "./stream-source.ts";

const CLOSE = "2026-03-03T12:00:00Z";
const observations = [
  observation("LOGA-1", "2026-03-01T20:00:00Z", CLOSE, { yesBid: 930_000, yesAsk: 940_000 }),
  observation("LOGB-1", "2026-03-01T21:00:00Z", CLOSE, { yesBid: 910_000, yesAsk: 915_000 }),
  observation("LOGB-1", "2026-03-02T15:00:00Z", CLOSE, { yesBid: 760_000, yesAsk: 780_000 }),
  observation("LOGA-1", "2026-03-03T13:00:00Z", CLOSE, {
    yesBid: 0,
    yesAsk: 1_000_000,
    status: "finalized",
    result: "yes",
  }),
  // After the window: must not be read.
  observation("LOGB-1", "2026-03-05T13:00:00Z", CLOSE, {
    yesBid: 0,
    yesAsk: 1_000_000,
    status: "finalized",
    result: "no",
  }),
];

const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});
async function fresh() {
  const t = await createTestDatabase();
  dbs.push(t);
  return t.db;
}

test("a backtest on the own event log trades exactly as on the same observations in memory", async () => {
  const log = await fresh();
  const clock = new ManualClock("2026-03-01T00:00:00Z");
  const store = new EventStore(log, { clock, ids: seededIds(3), accountId: "default", actor: "engine" });
  for (const o of observations) {
    clock.set(o.at);
    await store.append(`market-${o.data.ticker}`, [{ type: "MarketObserved", data: o.data }]);
  }
  const window = { from: "2026-03-02T00:00:00Z", to: "2026-03-04T00:00:00Z", selector: "rules" as const };
  const fromLog = await runBacktest({ ...window, source: { kind: "log" }, log, db: await fresh() });
  const inMemory = await runBacktest({
    ...window,
    source: memorySource("memory", observations),
    db: await fresh(),
  });
  const rows = async (r: typeof fromLog) =>
    (await allTrades(r.db, r.config.accountId)).map((t) => [
      t.contract_id,
      t.status,
      t.position_size,
      t.entry_fees,
      t.pnl,
    ]);
  expect(await rows(fromLog)).toEqual(await rows(inMemory));
  expect((await rows(fromLog)).filter((t) => t[1] !== "rejected").length).toBe(2);
  // Four observations up to the end of the window; the fifth lies beyond it.
  expect(fromLog.eventsProcessed).toBe(4);
  expect(fromLog.source).toEqual({ kind: "log" });
});

test("an event the catalog cannot read stops the backtest, named with its position and stream", async () => {
  const log = await fresh();
  const clock = new ManualClock("2026-03-01T00:00:00Z");
  const store = new EventStore(log, { clock, ids: seededIds(4), accountId: "default", actor: "engine" });
  const [first] = observations;
  if (!first) throw new Error("fixture");
  clock.set(first.at);
  await store.append(`market-${first.data.ticker}`, [{ type: "MarketObserved", data: first.data }]);
  // Written past the store, as a broken importer or a hand edit would: yesBid is not an integer.
  await log.query(
    `INSERT INTO events (event_id, stream_id, stream_version, event_type, event_version, data, metadata)
     VALUES ('00000000-0000-4000-8000-00000000beef', 'market-LOGB-1', 1, 'MarketObserved', 1, $1::text::jsonb, $2::text::jsonb)`,
    [
      JSON.stringify({ ...observations[1]?.data, yesBid: 910_000.5 }),
      JSON.stringify({ occurredAt: "2026-03-01T21:00:00.000Z", correlationId: "x", actor: "engine" }),
    ],
  );
  await expect(
    runBacktest({
      from: "2026-03-02T00:00:00Z",
      to: "2026-03-04T00:00:00Z",
      selector: "rules",
      source: { kind: "log" },
      log,
      db: await fresh(),
    }),
  ).rejects.toThrow(/market-LOGB-1[\s\S]*yesBid|yesBid[\s\S]*market-LOGB-1/);
});

test("the log yields what the engine read, each stamped when it was read, and nothing from after the window", async () => {
  const log = await fresh();
  const clock = new ManualClock("2026-03-02T08:00:00Z");
  const store = new EventStore(log, { clock, ids: seededIds(5), accountId: "default", actor: "engine" });
  const levels = [
    { price: 70_000, size: 1_000 },
    { price: 60_000, size: 2_000 },
  ];
  await store.append("scan-s1", [
    {
      type: "BooksObserved",
      data: {
        scanId: "s1",
        observedAt: "2026-03-02T08:00:00.000Z",
        books: [{ ticker: "LOGA-1", yesBids: [{ price: 930_000, size: 500 }], noBids: levels }],
      },
    },
  ]);
  clock.set("2026-03-02T08:00:01Z");
  await store.append("trade-t1", [
    {
      type: "OrderBookObserved",
      data: {
        tradeId: "t1",
        clientOrderId: "c1",
        ticker: "LOGA-1",
        bids: "no",
        levels,
        observedAt: "2026-03-02T08:00:01.000Z",
      },
    },
  ]);
  clock.set("2026-03-03T14:00:00Z");
  await store.append("trade-t1", [
    {
      type: "Resolved",
      data: {
        tradeId: "t1",
        ticker: "LOGA-1",
        side: "yes",
        marketResult: "yes",
        outcome: "won",
        contracts: 100,
        entryCost: 93_000,
        payout: 100_000,
        fees: 1_000,
        realizedPnl: 6_000,
        settledAt: "2026-03-03T13:05:00.000Z",
      },
    },
  ]);
  const read = async (to: string) => {
    const facts = [];
    for await (const batch of readObservations(log, { to: Date.parse(to) })) facts.push(...batch);
    return facts;
  };
  const facts = await read("2026-03-04T00:00:00Z");
  expect(
    facts.map((f) => [
      new Date(f.at).toISOString(),
      "book" in f ? f.book.bids : "settled" in f ? "settled" : "market",
    ]),
  ).toEqual([
    ["2026-03-02T08:00:00.000Z", "yes"],
    ["2026-03-02T08:00:00.000Z", "no"],
    ["2026-03-02T08:00:01.000Z", "no"],
    ["2026-03-03T14:00:00.000Z", "settled"],
  ]);
  expect(facts[2]).toEqual({
    at: Date.parse("2026-03-02T08:00:01Z"),
    book: expect.objectContaining({ levels }),
  });
  // The window ends before the settlement was read: it is not yielded.
  expect((await read("2026-03-03T14:00:00Z")).some((f) => "settled" in f)).toBe(false);
});
