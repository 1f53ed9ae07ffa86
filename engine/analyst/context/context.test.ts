import { describe, expect, test } from "bun:test";
import { dollars, micros } from "../../money/money.ts";
import { candidate, limits, T0, trade } from "../testing.ts";
import {
  bucketOf,
  CONFIDENCE_BUCKETS,
  groupStats,
  PRICE_BUCKETS,
  performancePatterns,
  statsOf,
} from "./aggregate.ts";
import { buildContext, RECENT_TRADES } from "./build.ts";
import { candidateView } from "./candidates.ts";
import { lessonsFromHistory } from "./lessons.ts";
import { outcomeOf } from "./outcome.ts";

describe("outcomes", () => {
  test("stop-losses are losses, hand-closed trades count by P&L, void and open are undecided", () => {
    expect(outcomeOf({ status: "won", pnl: micros(1) })).toBe("win");
    expect(outcomeOf({ status: "lost", pnl: micros(-1) })).toBe("loss");
    expect(outcomeOf({ status: "stopped", pnl: micros(-1) })).toBe("loss");
    expect(outcomeOf({ status: "closed", pnl: micros(5) })).toBe("win");
    expect(outcomeOf({ status: "closed", pnl: micros(0) })).toBe("loss");
    expect(outcomeOf({ status: "void", pnl: micros(0) })).toBe("void");
    expect(outcomeOf({ status: "open", pnl: null })).toBe("open");
  });
});

describe("win rates", () => {
  test("buckets have integer price bounds and half-open confidence bounds", () => {
    expect(bucketOf(849_999, PRICE_BUCKETS)).toBe("<85¢");
    expect(bucketOf(850_000, PRICE_BUCKETS)).toBe("85-89¢");
    expect(bucketOf(929_999, PRICE_BUCKETS)).toBe("90-92¢");
    expect(bucketOf(990_000, PRICE_BUCKETS)).toBe("96-99¢");
    expect(bucketOf(0.9, CONFIDENCE_BUCKETS)).toBe("0.90-0.95");
    expect(bucketOf(1, CONFIDENCE_BUCKETS)).toBe("0.95-1.00");
    expect(bucketOf(0.5, CONFIDENCE_BUCKETS)).toBe("<0.80");
  });

  test("win rate counts decided trades only; P&L is summed exactly in micros", () => {
    const s = statsOf("x", [
      trade({ status: "won", pnl: micros(1_230_001) }),
      trade({ status: "lost", pnl: micros(-30_000_000) }),
      trade({ status: "stopped", pnl: micros(-6_100_000) }),
      trade({ status: "open", pnl: null }),
      trade({ status: "void", pnl: micros(0) }),
    ]);
    expect(s).toEqual({
      bucket: "x",
      trades: 5,
      wins: 1,
      losses: 2,
      winRate: 0.333,
      pnl: -34_869_999 as never,
    });
    expect(statsOf("empty", []).winRate).toBeNull();
  });

  test("patterns by confidence, price and category; every bucket listed even when empty", () => {
    const p = performancePatterns([
      trade({ confidence: 0.96, entryPrice: micros(970_000), category: "Sports", status: "won" }),
      trade({
        confidence: 0.96,
        entryPrice: micros(970_000),
        category: "Sports",
        status: "lost",
        pnl: micros(-1),
      }),
      trade({ confidence: 0.82, entryPrice: micros(880_000), category: "Weather", status: "won" }),
    ]);
    expect(p.overall.winRate).toBe(0.667);
    expect(p.byConfidence.map((b) => b.bucket)).toEqual(CONFIDENCE_BUCKETS.map((b) => b.label));
    expect(p.byConfidence.find((b) => b.bucket === "0.95-1.00")?.winRate).toBe(0.5);
    expect(p.byConfidence.find((b) => b.bucket === "<0.80")?.trades).toBe(0);
    expect(p.byEntryPrice.find((b) => b.bucket === "85-89¢")?.winRate).toBe(1);
    expect(p.byCategory.map((b) => [b.bucket, b.winRate])).toEqual([
      ["Sports", 0.5],
      ["Weather", 1],
    ]);
  });

  test("groupStats without an order sorts keys, so output does not depend on row order", () => {
    const rows = [trade({ category: "b" }), trade({ category: "a" })];
    expect(groupStats(rows, (t) => t.category).map((s) => s.bucket)).toEqual(["a", "b"]);
    expect(groupStats([...rows].reverse(), (t) => t.category)).toEqual(groupStats(rows, (t) => t.category));
  });
});

describe("lessons from losses", () => {
  const history = [
    trade({
      ticker: "L1",
      status: "stopped",
      category: "Weather",
      pnl: micros(-8_000_000),
      confidence: 0.95,
      entryPrice: micros(910_000),
      reasoning: "Forecast looked settled.",
      riskFactors: ["Forecast uncertainty", "late storm"],
    }),
    trade({ ticker: "W1", status: "won", confidence: 0.9, riskFactors: ["forecast uncertainty"] }),
    trade({
      ticker: "L2",
      status: "lost",
      category: "Weather",
      pnl: micros(-40_000_000),
      confidence: 0.97,
      entryPrice: micros(920_000),
      reasoning: "x".repeat(1000),
      riskFactors: ["forecast  uncertainty", "Forecast uncertainty"],
    }),
  ];

  test("recent losses with reasoning and risk factors, capped, newest first", () => {
    const l = lessonsFromHistory(history);
    expect(l.recentLosses.map((x) => [x.ticker, x.status, x.pnl, x.entryPrice])).toEqual([
      ["L1", "stopped", "-8.00", "0.9100"],
      ["L2", "lost", "-40.00", "0.9200"],
    ]);
    expect(l.recentLosses[1]?.reasoning.length).toBe(300);
  });

  test("recurring risk factors are normalised and counted once per trade", () => {
    expect(lessonsFromHistory(history).recurringRiskFactors).toEqual([
      { factor: "forecast uncertainty", inLosses: 2, inWins: 1 },
    ]);
  });

  test("the summary is deterministic text", () => {
    expect(lessonsFromHistory(history).summary).toEqual([
      "2 of 3 decided trades were losses (1 of them stop-losses).",
      "Average stated confidence was 0.960 on losses and 0.900 on wins: confidence has not separated winners from losers.",
      "Category Weather: 2 losses.",
      "Entry price 90-92¢: 2 losses.",
      'Risk factor "forecast uncertainty" was flagged on 2 losses and 1 wins.',
    ]);
    expect(lessonsFromHistory([]).summary).toEqual([
      "No decided trades yet: there is no track record to learn from.",
    ]);
  });
});

describe("context", () => {
  const now = new Date(T0).getTime();

  test("a candidate shows question, rules, price, days left, depth, category and EV; money as exact strings", () => {
    const v = candidateView(
      candidate({
        price: 955_500,
        entryDepth: 2_345_678_901,
        closeTime: "2026-01-17T08:00:00Z",
        rules: "r ".repeat(2000),
      }),
      now,
    );
    expect(v.price).toBe("0.9555");
    expect(v.entryDepth).toBe("2345.68");
    expect(v.daysLeft).toBe(2);
    expect(v.rules.length).toBe(1500);
    expect(v).toMatchObject({ question: expect.any(String), category: "Climate and Weather", side: "yes" });
  });

  test("lists the last 50 trades, bankroll and what is left today", () => {
    const history = Array.from({ length: 60 }, () => trade());
    const c = buildContext({
      now,
      history,
      candidates: [candidate()],
      bankroll: dollars(1234),
      limits: limits({ remainingBudget: dollars(60), tradesRemaining: 2 }),
    });
    expect(c.trackRecord.recentTrades).toHaveLength(RECENT_TRADES);
    expect(c.trackRecord.recentTrades[0]?.ticker).toBe(history[0]?.ticker as string);
    expect(c.trackRecord.overall.trades).toBe(60);
    expect(c.account).toEqual({
      bankroll: "1234.00",
      dailyBudget: "100.00",
      remainingBudget: "60.00",
      minPositionSize: "20.00",
      maxPositionSize: "50.00",
      maxTradesPerDay: 3,
      tradesRemaining: 2,
    });
    expect(c.asOf).toBe(T0);
    expect(c.candidates).toHaveLength(1);
  });

  test("the same input always gives the same context", () => {
    const input = {
      now,
      history: [trade({ id: "t" })],
      candidates: [candidate()],
      bankroll: dollars(1),
      limits: limits(),
    };
    expect(JSON.stringify(buildContext(input))).toBe(JSON.stringify(buildContext(input)));
  });
});
