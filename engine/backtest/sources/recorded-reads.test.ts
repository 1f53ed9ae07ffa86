/**
 * What the engine read from the exchange, as its log records it, is what a backtest on that log
 * reads: the books (OrderBookObserved, BooksObserved) the paper broker walks level for level and
 * the scanner judges depth on, and the settlements (Resolved) check-resolutions finds. Only from
 * the instant they were read: a fact stamped after the decision is out of reach (the leakage
 * guard), and a later observation of the market supersedes a book (a stale book is never walked).
 */
import { expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventData } from "../../../events/catalog/index.ts";
import { PaperBroker } from "../../execution/paper-broker.ts";
import type { Centis, Micros } from "../../money/money.ts";
import { ManualClock } from "../../time/clock.ts";
import { observation } from "../testing.ts";
import { fileSource, writeObservations } from "./file-source.ts";
import { memorySource } from "./stream-source.ts";
import type { BookObservation } from "./types.ts";

const T0 = Date.parse("2026-03-02T08:00:00Z");
const CLOSE = "2026-03-05T00:00:00Z";
const TICKER = "WALK-1";

// The top of the book as MarketObserved records it: YES ask 90¢ for 10 contracts (a NO bid at 10¢).
const top = observation(TICKER, T0, CLOSE, { yesBid: 880_000, yesAsk: 900_000, size: 1_000 });

function walked(at: number): BookObservation {
  const book: EventData<"OrderBookObserved"> = {
    tradeId: "t-1",
    clientOrderId: "c-1",
    ticker: TICKER,
    bids: "no",
    // NO bids, best first: YES asks at 90¢ (10), 91¢ (10), 92¢ (30).
    levels: [
      { price: 100_000, size: 1_000 },
      { price: 90_000, size: 1_000 },
      { price: 80_000, size: 3_000 },
    ],
    observedAt: new Date(at).toISOString(),
  };
  return { at, book };
}

const buy = (broker: PaperBroker) =>
  broker.submit({
    ticker: TICKER,
    clientOrderId: "buy-1",
    side: "yes",
    action: "buy",
    count: 3_000 as Centis,
    limitPrice: 950_000 as Micros,
    timeInForce: "immediate_or_cancel",
  });

test("the paper broker walks the recorded book, never before it was recorded", async () => {
  const source = memorySource("walked", [top, walked(T0 + 60_000)]);
  const clock = new ManualClock(T0);
  const broker = new PaperBroker(source.books, clock);

  // At the decision, the book is recorded a minute later: only the top of the book is in reach.
  await source.advanceTo(T0 + 59_999);
  const before = await buy(broker);
  expect(before.fills.map((f) => [f.price as number, f.count as number])).toEqual([[900_000, 1_000]]);

  await source.advanceTo(T0 + 60_000);
  clock.set(T0 + 60_000);
  const after = await buy(broker);
  expect(after.fills.map((f) => [f.price as number, f.count as number])).toEqual([
    [900_000, 1_000],
    [910_000, 1_000],
    [920_000, 1_000],
  ]);
  // The report carries the side it walked, for the log.
  expect(after.book?.bids).toBe("no");
  expect(after.book?.levels.length).toBe(3);
});

test("a later observation of the market supersedes a recorded book", async () => {
  const later = observation(TICKER, T0 + 120_000, CLOSE, { yesBid: 870_000, yesAsk: 895_000, size: 1_000 });
  const source = memorySource("walked", [top, walked(T0 + 60_000), later]);
  await source.advanceTo(T0 + 120_000);
  const book = await source.books.getOrderBook(TICKER);
  expect(book.noBids).toEqual([{ price: 105_000 as Micros, size: 1_000 as Centis }]);
  // The other side, never recorded, is the observed top of the book throughout.
  expect(book.yesBids).toEqual([{ price: 870_000 as Micros, size: 1_000 as Centis }]);
});

test("a settlement the engine read is known from that instant on, with the exchange's settle time", async () => {
  const at = T0 + 3_600_000;
  const settlement = {
    at,
    settled: { ticker: TICKER, marketResult: "yes" as const, settledAt: "2026-03-02T08:30:00.000Z" },
  };
  const source = memorySource("settled", [top, settlement]);
  await source.advanceTo(at - 1);
  expect((await source.market.getMarket(TICKER)).status).toBe("active");
  await source.advanceTo(at);
  const market = await source.market.getMarket(TICKER);
  expect(market.status).toBe("finalized");
  expect(market.result).toBe("yes");
  expect(market.settlementValue).toBe(1_000_000 as Micros);
  expect(market.settlementTime).toBe(Date.parse("2026-03-02T08:30:00.000Z"));
  // A settled market leaves the open list the scanner syncs from.
  const pages = [];
  for await (const page of source.catalog.marketPages({ status: "open" })) pages.push(...page.markets);
  expect(pages.map((m) => m.ticker)).not.toContain(TICKER);
});

test("a sweep's file keeps what the engine read, line for line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "recorded-reads-"));
  try {
    const path = join(dir, "facts.jsonl");
    const facts = [
      top,
      walked(T0 + 60_000),
      {
        at: T0 + 120_000,
        settled: { ticker: TICKER, marketResult: "no" as const, settledAt: "2026-03-02T08:01:00.000Z" },
      },
    ];
    await writeObservations(
      path,
      (async function* () {
        yield facts;
      })(),
    );
    const source = fileSource(path);
    await source.advanceTo(T0 + 60_000);
    expect((await source.books.getOrderBook(TICKER)).noBids.length).toBe(3);
    await source.advanceTo(T0 + 120_000);
    expect((await source.market.getMarket(TICKER)).result).toBe("no");
    await source.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
