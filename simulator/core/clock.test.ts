/** The market clock: real, accelerated and manual; and a simulated week in seconds. */
import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../engine/time/clock.ts";
import { favouriteTicker, signedFetch, startTestSimulator } from "../testing/harness.ts";
import { SimClock } from "./clock.ts";
import { DAY } from "./durations.ts";

describe("SimClock", () => {
  test("real mode follows the wall; accelerated runs factor× faster; manual moves only when told", () => {
    const wall = new ManualClock(1_000_000);
    const real = new SimClock({ mode: "real" }, wall);
    const fast = new SimClock({ mode: "accelerated", factor: 10_080, start: 5_000 }, wall);
    const manual = new SimClock({ mode: "manual", start: 7_000 }, wall);
    wall.advance(60_000);
    expect(real.now()).toBe(1_060_000);
    expect(fast.now()).toBe(5_000 + 60_000 * 10_080); // one real minute = one simulated week
    expect(60_000 * 10_080).toBe(7 * DAY);
    expect(manual.now()).toBe(7_000);
    manual.advance(500);
    fast.advance(1_000);
    expect(manual.now()).toBe(7_500);
    expect(fast.now()).toBe(5_000 + 60_000 * 10_080 + 1_000);
  });

  test("never runs backwards, and refuses bad configuration", () => {
    const wall = new ManualClock(1_000_000);
    const c = new SimClock({ mode: "real" }, wall);
    wall.advance(10);
    const t = c.now();
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(c.now()).toBe(t);
    expect(() => new SimClock({ mode: "accelerated", factor: 0 }, wall)).toThrow(RangeError);
  });
});

describe("a simulated week", () => {
  test("runs in seconds on an accelerated clock, settling what closed", async () => {
    // 201,600× = a week in 3 real seconds (10,080× would be a week a minute).
    const start = Date.UTC(2026, 0, 5, 12);
    const sim = await startTestSimulator({
      markets: 2000,
      clock: { mode: "accelerated", factor: 201_600, start },
      tickMs: 20,
    });
    try {
      // Closes in 2–5 simulated days: still open while we trade, settled before the week is out.
      const ticker = favouriteTicker(sim, 0, [2 * DAY, 5 * DAY]);
      const m = sim.exchange.market(ticker);
      const book = sim.exchange.bookOf(m);
      const ask = book?.asks[0]?.price ?? 0;
      const bid = book?.bids[0]?.price ?? 0;
      const price = (x: number) => (x / 1e6).toFixed(m.structure === "linear_cent" ? 2 : 3);
      const buy = await signedFetch(sim, "POST", "/portfolio/events/orders", {
        ticker,
        side: "bid",
        count: "10",
        price: price(Math.min(ask + 20_000, 990_000)),
        time_in_force: "immediate_or_cancel",
        self_trade_prevention_type: "taker_at_cross",
      });
      expect(buy.status).toBe(201);
      const rest = await signedFetch(sim, "POST", "/portfolio/events/orders", {
        ticker,
        side: "bid",
        count: "5",
        price: price(bid - 20_000),
        time_in_force: "good_till_canceled",
        self_trade_prevention_type: "taker_at_cross",
      });
      expect(rest.status).toBe(201);
      const wallStart = performance.now();
      while (sim.clock.now() < start + 7 * DAY) await Bun.sleep(50);
      await Bun.sleep(100);
      const elapsed = performance.now() - wallStart;
      expect(elapsed).toBeLessThan(60_000);
      expect(elapsed).toBeLessThan(10_000);
      expect(sim.exchange.t).toBeGreaterThanOrEqual(start + 7 * DAY);
      const closedInWeek = sim.exchange.catalog.markets.filter(
        (x) => x.closeTime > start && x.closeTime + 4 * 3_600_000 + x.settlementTimerMs < start + 7 * DAY,
      );
      expect(closedInWeek.length).toBeGreaterThan(300);
      for (const x of closedInWeek) expect(sim.exchange.resultOf(x)).not.toBe("");
      const ledger = sim.exchange.ledger();
      expect(ledger.fills.length).toBeGreaterThan(0);
      expect(ledger.settlements.some((s) => s.ticker === ticker)).toBe(true);
      expect(ledger.orders.every((o) => o.status !== "resting")).toBe(true);
      expect(ledger.positions.every((p) => p.position === 0)).toBe(true);
      expect(ledger.reconciliation.balanced).toBe(true);
    } finally {
      await sim.stop();
    }
  }, 30_000);

  test("a manual week with live books processes in well under a minute", async () => {
    const sim = await startTestSimulator({ markets: 2000 });
    try {
      for (let i = 0; i < 10; i++) {
        const ticker = favouriteTicker(sim, i);
        const m = sim.exchange.market(ticker);
        const bid = sim.exchange.bookOf(m)?.bids[0]?.price ?? 0;
        const r = await signedFetch(sim, "POST", "/portfolio/events/orders", {
          ticker,
          side: "bid",
          count: "3",
          price: ((bid - 10_000) / 1e6).toFixed(m.structure === "linear_cent" ? 2 : 3),
          time_in_force: "good_till_canceled",
          self_trade_prevention_type: "taker_at_cross",
        });
        expect(r.status).toBe(201);
      }
      expect(sim.exchange.live.size).toBe(10);
      const t = performance.now();
      sim.exchange.advance(7 * DAY);
      expect(performance.now() - t).toBeLessThan(30_000);
      expect(sim.exchange.ledger().reconciliation.balanced).toBe(true);
    } finally {
      await sim.stop();
    }
  }, 60_000);
});
