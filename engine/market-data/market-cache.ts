/**
 * The market cache as the scanner reads it: one port, two backings. The live engine (and a
 * backtest on the simulator) reads the `contracts` projection, which refresh-markets keeps by
 * appending MarketObserved events; a backtest on observations keeps the same rows in memory
 * (memory-market-cache.ts), built by the same diff and the same projection code, so the scan runs
 * without writing thousands of rows into its scratch database before every scan.
 */
import type { Queryable } from "../db/database.ts";
import type { ScanMarketRow } from "../strategy/scanner/market-row.ts";

export interface MarketCacheCounts {
  /** Every market in the cache. */
  total: number;
  /** Markets with status "active" that are not resolved. */
  active: number;
}

export interface MarketCache {
  counts(): Promise<MarketCacheCounts>;
  /**
   * Unresolved markets closing at or before `horizon` (epoch ms), ordered by ticker in code-point
   * order: the candidates keep this order into the selector's prompt, so it must not depend on
   * storage order (the databases' collation is C).
   */
  scanRows(horizon: number): Promise<ScanMarketRow[]>;
}

/** The live backing: the `contracts` projection. */
export function contractsMarketCache(db: Queryable): MarketCache {
  return {
    async counts() {
      const [row = { total: 0, active: 0 }] = await db.query<MarketCacheCounts>(
        "SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'active' AND NOT resolved)::int AS active FROM contracts",
      );
      return row;
    },
    scanRows(horizon) {
      return db.query<ScanMarketRow>(
        `SELECT market_id, question, category, series_ticker, status, resolved, yes_bid, yes_ask, no_bid, no_ask, rules, end_date
         FROM contracts WHERE NOT resolved AND end_date <= $1::timestamptz ORDER BY market_id`,
        [new Date(horizon).toISOString()],
      );
    },
  };
}
