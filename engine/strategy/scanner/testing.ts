/** Builders for scanner tests and the bench: rows and books with readable defaults. */
import type { BookLevel, OrderBook } from "../../exchange/types.ts";
import type { Centis, Micros } from "../../money/money.ts";
import type { ScanConfig } from "./criteria.ts";
import type { ScanMarketRow } from "./market-row.ts";

export const NOW = Date.parse("2026-03-10T12:00:00.000Z");
export const HOUR = 3_600_000;

export const SCAN_CONFIG: ScanConfig = {
  minOdds: 850_000 as Micros,
  maxOdds: 980_000 as Micros,
  maxDaysToResolution: 2,
  minLiquidity: 2_000_000_000 as Micros,
};

/** A dollar price as micros: $(0.95) → 950_000. Test-only convenience. */
export const $ = (dollars: number): Micros => Math.round(dollars * 1_000_000) as Micros;

export function row(overrides: Partial<ScanMarketRow> = {}): ScanMarketRow {
  return {
    market_id: "KXTEST-26MAR11-T1",
    question: "Will the test pass?",
    category: "Science",
    series_ticker: "KXTEST",
    status: "active",
    resolved: false,
    end_date: new Date(NOW + 24 * HOUR).toISOString(),
    yes_bid: $(0.94),
    yes_ask: $(0.95),
    no_bid: $(0.05),
    no_ask: $(0.06),
    rules: "Resolves YES if it passes.",
    ...overrides,
  };
}

export const level = (price: number, contracts: number): BookLevel => ({
  price: $(price),
  size: (contracts * 100) as Centis,
});

export function book(ticker: string, yesBids: BookLevel[], noBids: BookLevel[]): OrderBook {
  return { ticker, yesBids, noBids };
}

/**
 * n market rows in a fixed 10-row pattern, so every stage's count is known exactly:
 * of each 10, 2 are not active, 2 close outside the window, 1 has no price, 2 are out of band
 * and 3 pass Tier 1 (YES 95¢, NO 94¢, YES 90¢). Close times differ per row (a second apart), as
 * in the real catalog, so no parse can be served from a cache.
 */
export function syntheticMarkets(n: number): ScanMarketRow[] {
  const rows: ScanMarketRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const jitter = (i % 100_000) * 1000;
    const soon = new Date(NOW + HOUR + jitter).toISOString();
    const past = new Date(NOW - HOUR - jitter).toISOString();
    const late = new Date(NOW + 5 * 24 * HOUR + jitter).toISOString();
    const base: ScanMarketRow = {
      market_id: `KXSYN-${i}`,
      question: `Synthetic market ${i}`,
      category: i % 3 === 0 ? "Sports" : "Economics",
      series_ticker: `KXSYN${i % 50}`,
      status: "active",
      resolved: false,
      end_date: soon,
      yes_bid: $(0.94),
      yes_ask: $(0.95),
      no_bid: $(0.05),
      no_ask: $(0.06),
      rules: "",
    };
    switch (i % 10) {
      case 0:
        base.status = "closed";
        break;
      case 1:
        base.resolved = true;
        break;
      case 2:
        base.end_date = past;
        break;
      case 3:
        base.end_date = late;
        break;
      case 4:
        base.yes_bid = null;
        base.yes_ask = null;
        base.no_bid = null;
        base.no_ask = null;
        break;
      case 5:
        base.yes_ask = $(0.5);
        base.no_ask = $(0.52);
        break;
      case 6:
        break;
      case 7:
        base.yes_bid = $(0.06);
        base.yes_ask = $(0.08);
        base.no_bid = $(0.92);
        base.no_ask = null;
        break;
      case 8:
        base.yes_ask = $(0.9);
        break;
      case 9:
        base.yes_ask = $(0.99);
        base.no_ask = $(0.02);
        break;
    }
    rows[i] = base;
  }
  return rows;
}
