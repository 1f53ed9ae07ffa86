import { expect, test } from "bun:test";
import fc from "fast-check";
import { buildReport } from "./build.ts";
import { loadKalshiHistory } from "./history.ts";
import { fixedInput, tradeRow } from "./testing.ts";

const history = loadKalshiHistory();
const CATEGORIES = ["Sports", "Economics", "Politics", "Climate and Weather"];
const SERIES = ["KXNBA", "KXCPI", "KXFED", "KXHIGHNY", "KXBTC"];
const STATUSES = ["won", "lost", "void", "stopped", "closed", "open", "rejected"] as const;

const tradeArb = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  series: fc.constantFrom(...SERIES),
  status: fc.constantFrom(...STATUSES),
  side: fc.constantFrom("yes" as const, "no" as const),
  priceCents: fc.integer({ min: 50, max: 99 }),
  contracts: fc.integer({ min: 1, max: 100_000 }),
  pnl: fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }),
  entryFees: fc.integer({ min: 0, max: 10_000_000 }),
  exitFees: fc.integer({ min: 0, max: 10_000_000 }),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  result: fc.constantFrom("yes", "no", "void", "scalar", ""),
});

test("P&L, money invested and trade counts add up over categories and over series, exactly", () => {
  fc.assert(
    fc.property(fc.array(tradeArb, { maxLength: 60 }), (specs) => {
      const results = new Map<string, string>();
      const trades = specs.map((s, i) => {
        const ticker = `${s.series}-T${i}`;
        results.set(ticker, s.result);
        const filled = s.status !== "rejected";
        const finished = !["open", "rejected"].includes(s.status);
        return tradeRow({
          contract_id: ticker,
          category: s.category,
          series_ticker: s.series,
          side: s.side,
          status: s.status,
          entry_odds: filled ? s.priceCents * 10_000 : null,
          position_size: filled ? s.priceCents * s.contracts * 100 : 0,
          contracts_purchased: filled ? s.contracts * 100 : 0,
          entry_fees: filled ? s.entryFees : 0,
          exit_fees: s.status === "stopped" || s.status === "closed" ? s.exitFees : 0,
          pnl: finished ? s.pnl : null,
          ai_confidence: s.confidence,
          resolved_at: finished ? "2026-11-02T00:00:00.000Z" : null,
        });
      });
      const r = buildReport({ ...fixedInput(), trades, marketResults: results }, history);
      const sum = (groups: typeof r.byCategory, key: "pnl" | "invested" | "trades" | "wins" | "losses") =>
        groups.reduce((a, g) => a + g[key], 0);
      for (const key of ["pnl", "invested", "trades", "wins", "losses"] as const) {
        const total = key === "pnl" ? r.summary.totalPnl : r.summary[key];
        expect(sum(r.byCategory, key)).toBe(total);
        expect(sum(r.bySeries, key)).toBe(total);
      }
      const closed = specs.filter((s) => !["open", "rejected"].includes(s.status));
      expect(r.summary.totalPnl).toBe(closed.reduce((a, s) => a + s.pnl, 0));
      expect(r.summary.trades + r.summary.openAtEnd).toBe(
        specs.filter((s) => s.status !== "rejected").length,
      );
      // Stop totals are the sums of their rows.
      const compared = r.stopVsHold.trades.filter((t) => t.stopEffect !== null);
      expect(r.stopVsHold.net).toBe(compared.reduce((a, t) => a + (t.stopEffect ?? 0), 0));
      expect(r.stopVsHold.net).toBe(r.stopVsHold.stopPnl - r.stopVsHold.holdPnl);
    }),
    { seed: 20261124, numRuns: 200 },
  );
});
