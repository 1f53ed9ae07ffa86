/**
 * Settlement is calibrated on real Kalshi outcomes: a market whose last YES price is N¢ settles
 * YES with the CSV's win rate at N¢ (e.g. 95¢ → 95.8%, 85¢ → 86.1%, 5¢ → 4.2%).
 */
import { describe, expect, test } from "bun:test";
import { systemClock } from "../../engine/time/clock.ts";
import { SimClock } from "../core/clock.ts";
import { winRate } from "../data/win-rate.ts";
import { Exchange } from "../exchange/exchange.ts";
import { loadScenario } from "../scenario/runner.ts";
import { parseScenario } from "../scenario/schema.ts";
import { statusAt } from "./lifecycle.ts";

const START = Date.UTC(2026, 0, 5, 12);
const N = 4000;

/** N markets pinned at `price`, closing in an hour; returns the share that settled YES. */
function yesShare(seed: number, price: string): number {
  const clock = new SimClock({ mode: "manual", start: START }, systemClock);
  const ex = new Exchange({ seed, markets: 1, clock, wall: systemClock, startingBalanceCents: 0 });
  loadScenario(
    ex,
    parseScenario({
      markets: Array.from({ length: N }, (_, i) => ({
        ticker: `CAL-${price.replace(".", "")}-${i}`,
        yes_price: price,
        close: "1h",
        daily_volatility: 0,
        settlement_timer: "5m",
      })),
      steps: [],
    }),
  );
  ex.advance(86_400_000);
  const markets = ex.catalog.markets.filter((m) => m.ticker.startsWith("CAL-"));
  expect(markets.every((m) => statusAt(m, ex.t) === "finalized")).toBe(true);
  return markets.filter((m) => ex.resultOf(m) === "yes").length / markets.length;
}

describe("settlement frequency matches the real win-rate table", () => {
  test("the table is the CSV's", () => {
    expect(winRate(95)).toBeCloseTo(0.9582586, 6);
    expect(winRate(85)).toBeCloseTo(0.8608068, 6);
    expect(winRate(5)).toBeCloseTo(0.0418215, 6);
  });

  for (const [price, cents] of [
    ["0.95", 95],
    ["0.85", 85],
    ["0.05", 5],
  ] as const) {
    test(`markets at ${cents}¢ settle YES about ${(winRate(cents) * 100).toFixed(1)}% of the time`, () => {
      const p = winRate(cents);
      const share = yesShare(17, price);
      // Four standard errors: fails by chance about once in 16,000 runs (and the seed is fixed).
      const tolerance = 4 * Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(share - p)).toBeLessThan(tolerance);
    });
  }

  test("outcomes are a deterministic function of seed and market", () => {
    expect(yesShare(5, "0.95")).toBe(yesShare(5, "0.95"));
  });
});
