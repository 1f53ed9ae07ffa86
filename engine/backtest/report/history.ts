/**
 * Real Kalshi history for the calibration table: trades and wins per whole-cent price, read from
 * /work/shared/data/kalshi-win-rate-by-price.csv by the rules selector's own parser (no third copy
 * of the table). Counts, not just rates, so a bucket several cents wide weighs each cent by how
 * often it traded.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  embeddedRows,
  parseWinRateCsv,
  WIN_RATE_CSV_URL,
  type WinRateRow,
} from "../../analyst/rules/win-rate.ts";

export interface KalshiHistory {
  /** The file read, or why the embedded copy was used instead. */
  source: string;
  /** One row per cent, 0..99. */
  rows: readonly WinRateRow[];
}

export function loadKalshiHistory(url: URL = WIN_RATE_CSV_URL): KalshiHistory {
  const path = fileURLToPath(url);
  try {
    return { source: path, rows: parseWinRateCsv(readFileSync(path, "utf8")) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { source: `embedded copy (could not use ${path}: ${why})`, rows: embeddedRows() };
  }
}

/** Trades and wins at prices from `fromCents` (inclusive) to `toCents` (exclusive). */
export function historyBetween(
  history: KalshiHistory,
  fromCents: number,
  toCents: number,
): { trades: number; wins: number } {
  let trades = 0;
  let wins = 0;
  for (const row of history.rows) {
    if (row.price >= fromCents && row.price < toCents) {
      trades += row.totalTrades;
      wins += row.wins;
    }
  }
  return { trades, wins };
}
