import { describe, expect, test } from "bun:test";
import { CandidatesScanned } from "../../../events/catalog/candidates-scanned.ts";
import { tradingFee } from "../../money/fees.ts";
import type { Centis, Micros } from "../../money/money.ts";
import { marketEvPerDollar } from "./ev.ts";
import { scanMarkets } from "./scan.ts";
import { STAGES } from "./stages.ts";
import { $, book, HOUR, level, NOW, row, SCAN_CONFIG } from "./testing.ts";
import { scanTier1 } from "./tier1.ts";
import { scanTier2 } from "./tier2.ts";

/** A deep YES market: $2,850 of YES asks at 95¢ and $2,820 of YES bids at 94¢. */
const deep = (ticker: string) => book(ticker, [level(0.94, 3000)], [level(0.05, 3000)]);

describe("tier 2: order books", () => {
  const t1 = scanTier1(
    [
      row({ market_id: "A" }),
      row({ market_id: "NOBOOK" }),
      row({ market_id: "SHALLOW" }),
      row({ market_id: "NOEXIT" }),
      row({ market_id: "MOVED" }),
    ],
    SCAN_CONFIG,
    NOW,
  );
  const books = new Map([
    ["A", deep("A")],
    ["SHALLOW", book("SHALLOW", [level(0.94, 3000)], [level(0.05, 1000)])],
    ["NOEXIT", book("NOEXIT", [level(0.94, 100)], [level(0.05, 3000)])],
    // The cache said 95¢ but YES now costs 99¢: the book is the authority.
    ["MOVED", book("MOVED", [level(0.98, 3000)], [level(0.01, 3000)])],
  ]);
  const t2 = scanTier2(t1.survivors, books, SCAN_CONFIG, NOW);

  test("each stage drops what it should, with a reason", () => {
    expect(t2.stages).toEqual([
      { name: "book confirms price", count: 3 },
      { name: "entry depth", count: 2 },
      { name: "exit depth", count: 1 },
    ]);
    expect(t2.samples["book confirms price"]?.map((s) => [s.ticker, s.reason])).toEqual([
      ["NOBOOK", "no order book"],
      ["MOVED", "book YES ask $0.99 outside band"],
    ]);
    expect(t2.samples["entry depth"]?.[0]?.reason).toBe("entry depth $950.00 < $2,000.00");
    expect(t2.samples["exit depth"]?.[0]?.reason).toBe("exit depth $94.00 < $2,000.00");
  });

  test("the candidate carries the book's price, depths, hours to close and EV", () => {
    const [c] = t2.candidates;
    expect(c?.candidate).toEqual({
      ticker: "A",
      title: "Will the test pass?",
      category: "Science",
      seriesTicker: "KXTEST",
      side: "yes",
      price: $(0.95),
      closeTime: new Date(NOW + 24 * HOUR).toISOString(),
      hoursToClose: 24,
      entryDepth: $(2850),
      exitDepth: $(2820),
      evPerDollarAfterFees: marketEvPerDollar($(0.95)),
      historicalWinRate: c?.historicalWinRate ?? null,
      evPerDollarHistorical: c?.evPerDollarHistorical ?? null,
      rules: "Resolves YES if it passes.",
    });
    expect(c?.historicalWinRate).toBeCloseTo(0.9583, 3);
  });

  test("a function works as the book lookup too", () => {
    const viaFn = scanTier2(t1.survivors, (t) => books.get(t), SCAN_CONFIG, NOW);
    expect(viaFn).toEqual(t2);
  });

  test("NO candidates are judged on the NO side of the book", () => {
    const t = scanTier1(
      [row({ market_id: "N", yes_bid: $(0.04), yes_ask: $(0.05), no_bid: $(0.94), no_ask: null })],
      SCAN_CONFIG,
      NOW,
    );
    expect(t.survivors[0]?.side).toBe("no");
    // NO asks come from YES bids (0.05 → NO ask 0.95); NO exit from NO bids.
    const b = book("N", [level(0.05, 3000)], [level(0.94, 3000)]);
    const r = scanTier2(t.survivors, new Map([["N", b]]), SCAN_CONFIG, NOW);
    expect(r.candidates[0]?.candidate).toMatchObject({
      side: "no",
      price: $(0.95),
      entryDepth: $(2850),
      exitDepth: $(2820),
    });
  });
});

describe("expected value after fees", () => {
  test("at the market price, EV is exactly −fee ÷ cost", () => {
    const fee = tradingFee($(0.95), 10_000 as Centis, "taker"); // 100 contracts
    expect(fee).toBe(332_500 as Micros);
    expect(marketEvPerDollar($(0.95))).toBeCloseTo(-332_500 / (95_000_000 + 332_500), 12);
  });

  test("with real history at 95¢ (95.83% won) the EV is slightly positive", () => {
    const t1 = scanTier1([row({ market_id: "A" })], SCAN_CONFIG, NOW);
    const [c] = scanTier2(t1.survivors, new Map([["A", deep("A")]]), SCAN_CONFIG, NOW).candidates;
    expect(c?.historicalWinRate).toBeCloseTo(1_352_353 / 1_411_261, 12);
    const expected = ((1_352_353 / 1_411_261) * 100_000_000 - 95_332_500) / 95_332_500;
    expect(c?.evPerDollarHistorical).toBeCloseTo(expected, 12);
    expect(c?.evPerDollarHistorical).toBeGreaterThan(0);
  });

  test("a series with a different fee multiplier is charged its own fee", () => {
    const t1 = scanTier1([row({ market_id: "A" })], SCAN_CONFIG, NOW);
    const free = scanTier2(t1.survivors, new Map([["A", deep("A")]]), SCAN_CONFIG, NOW, {
      feesFor: () => ({ feeType: "flat", multiplier: 10_000 as never }),
    });
    expect(free.candidates[0]?.candidate.evPerDollarAfterFees).toBeCloseTo(0, 12);
  });
});

describe("scanMarkets: the CandidatesScanned data", () => {
  const out = scanMarkets({
    scanId: "scan-1",
    rows: [
      row({ market_id: "A" }),
      row({ market_id: "B", status: "closed" }),
      row({ market_id: "C", yes_ask: $(0.5) }),
    ],
    books: new Map([["A", deep("A")]]),
    config: SCAN_CONFIG,
    now: NOW,
  });

  test("is valid against the event schema, unchanged by parsing", () => {
    expect(CandidatesScanned.schema.parse(out.event)).toEqual(out.event);
  });

  test("lists every stage in funnel order, counts never rising", () => {
    expect(out.event.stages.map((s) => s.name)).toEqual([...STAGES]);
    expect(out.event.stages.map((s) => s.count)).toEqual([3, 2, 2, 2, 1, 1, 1, 1, 1]);
  });

  test("records the criteria in force as exact human values", () => {
    expect(out.event.criteria).toMatchObject({
      minOdds: "0.85",
      maxOdds: "0.98",
      maxDaysToResolution: 2,
      minLiquidity: "2000.00",
    });
  });

  test("explains each stage with drops and samples", () => {
    const active = out.explain.find((e) => e.name === "active");
    expect(active).toMatchObject({ count: 2, dropped: 1 });
    expect(active?.samples[0]).toEqual({
      ticker: "B",
      title: "Will the test pass?",
      reason: "status closed",
    });
    const band = out.explain.find((e) => e.name === "price in band");
    expect(band?.samples[0]?.reason).toBe("YES ask $0.50, NO ask $0.06: neither in band");
    const final = out.explain.at(-1);
    expect(final?.samples[0]?.reason).toStartWith("YES at $0.95, EV/$ -0.0035 (market), 0.0052 (history)");
    expect(out.scored[0]?.candidate).toBe(out.event.candidates[0] as never);
  });
});
