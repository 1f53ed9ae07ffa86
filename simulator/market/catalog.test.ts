/** The catalog: shape of the generated markets, and a 100,000-market catalog paged end to end. */
import { describe, expect, test } from "bun:test";
import { systemClock } from "../../engine/time/clock.ts";
import { SimClock } from "../core/clock.ts";
import { DAY } from "../core/durations.ts";
import { Exchange } from "../exchange/exchange.ts";
import { startTestSimulator } from "../testing/harness.ts";
import { fairPrice } from "./fair-value.ts";
import { statusAt } from "./lifecycle.ts";
import { isOnGrid } from "./price-grid.ts";

describe("generated catalog", () => {
  const clock = new SimClock({ mode: "manual", start: Date.UTC(2026, 0, 5, 12) }, systemClock);
  const ex = new Exchange({ seed: 1, markets: 2000, clock, wall: systemClock, startingBalanceCents: 0 });
  const open = ex.catalog.markets.filter((m) => statusAt(m, ex.t) === "active");

  test("is shaped like the strategy's habitat", () => {
    expect(ex.catalog.markets.length).toBe(2000);
    const soon = open.filter((m) => m.closeTime - ex.t <= 3 * DAY).length / open.length;
    expect(soon).toBeGreaterThan(0.35);
    const favourites = open.filter((m) => {
      const p = fairPrice(m, ex.t0, ex.t);
      return (p >= 850_000 && p <= 980_000) || (p >= 20_000 && p <= 150_000);
    }).length;
    expect(favourites / open.length).toBeGreaterThan(0.4);
    expect(ex.catalog.markets.some((m) => statusAt(m, ex.t) === "initialized")).toBe(true);
    expect(ex.catalog.markets.some((m) => ex.isHistorical(m))).toBe(true);
    for (const s of ["linear_cent", "tapered_deci_cent", "deci_cent"])
      expect(ex.catalog.markets.some((m) => m.structure === s)).toBe(true);
    for (const f of ["quadratic", "quadratic_with_maker_fees", "flat"])
      expect(ex.catalog.series.some((s) => s.feeType === f)).toBe(true);
  });

  test("maker quotes sit on each market's price grid", () => {
    for (const m of open.slice(0, 300)) {
      const book = ex.bookOf(m);
      for (const l of [...(book?.bids ?? []), ...(book?.asks ?? [])])
        expect(isOnGrid(m.structure, l.price)).toBe(true);
      const bid = book?.bids[0]?.price ?? 0;
      const ask = book?.asks[0]?.price ?? 1_000_000;
      expect(bid).toBeLessThan(ask);
    }
  });

  test("is a deterministic function of the seed", () => {
    const again = new Exchange({ seed: 1, markets: 2000, clock, wall: systemClock, startingBalanceCents: 0 });
    expect(again.catalog.markets.map((m) => m.ticker)).toEqual(ex.catalog.markets.map((m) => m.ticker));
    const other = new Exchange({ seed: 2, markets: 2000, clock, wall: systemClock, startingBalanceCents: 0 });
    expect(other.catalog.markets.map((m) => m.ticker)).not.toEqual(ex.catalog.markets.map((m) => m.ticker));
  });
});

describe("100,000 markets", () => {
  test("page fully through GET /markets with limit 1000", async () => {
    const sim = await startTestSimulator({ markets: 100_000, tier: "prime" });
    try {
      const expected = sim.exchange.catalog.markets.filter((m) => !sim.exchange.isHistorical(m)).length;
      const seen = new Set<string>();
      let cursor = "";
      let pages = 0;
      const started = performance.now();
      do {
        const r = await fetch(`${sim.baseUrl}/markets?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
        expect(r.status).toBe(200);
        const page = (await r.json()) as { markets: { ticker: string }[]; cursor: string };
        for (const m of page.markets) seen.add(m.ticker);
        cursor = page.cursor;
        pages++;
      } while (cursor);
      const elapsed = performance.now() - started;
      expect(seen.size).toBe(expected);
      expect(pages).toBe(Math.ceil(expected / 1000));
      expect(expected).toBeGreaterThan(90_000);
      expect(elapsed).toBeLessThan(20_000);
    } finally {
      await sim.stop();
    }
  }, 60_000);
});
