/**
 * Real Kalshi history: how often a contract bought at a given price (in whole cents) paid out.
 * From /work/shared/data/kalshi-win-rate-by-price.csv (72.1 million trades, June 2021 – November
 * 2025; Jonathan Becker, "prediction-market-analysis", MIT License).
 *
 * CHOICE: a typed copy is embedded (win-rate-data.ts, generated from the CSV by
 * generate-win-rate-data.ts), so the pure scanner needs no file system; a caller may still pass
 * its own table, parsed from CSV text with parseWinRateCsv.
 */
import { MICROS_PER_DOLLAR, type Micros } from "../../money/money.ts";

export interface WinRateRow {
  /** Price paid for the contract, whole cents 0..99. */
  priceCents: number;
  trades: number;
  wins: number;
}

/** Indexed by priceCents; a missing price is undefined. */
export type WinRateTable = readonly (WinRateRow | undefined)[];

export class WinRateCsvError extends Error {
  override readonly name = "WinRateCsvError";
}

/** Parses the CSV's text (header price,total_trades,wins,win_rate) into a table. */
export function parseWinRateCsv(text: string): WinRateTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines.shift();
  if (header?.trim() !== "price,total_trades,wins,win_rate") {
    throw new WinRateCsvError(`unexpected header ${JSON.stringify(header)}`);
  }
  const table: (WinRateRow | undefined)[] = [];
  for (const line of lines) {
    const [price, trades, wins] = line.split(",").map(Number);
    if (
      price === undefined ||
      trades === undefined ||
      wins === undefined ||
      !Number.isInteger(price) ||
      price < 0 ||
      price > 99 ||
      !Number.isInteger(trades) ||
      !Number.isInteger(wins) ||
      wins < 0 ||
      wins > trades
    ) {
      throw new WinRateCsvError(`bad row ${JSON.stringify(line)}`);
    }
    table[price] = { priceCents: price, trades, wins };
  }
  return table;
}

const rateAt = (table: WinRateTable, cents: number): number | null => {
  const row = table[cents];
  return row && row.trades > 0 ? row.wins / row.trades : null;
};

/**
 * Historical probability that a contract bought at `price` wins, as a fraction. Prices between
 * whole cents (deci-cent markets) interpolate linearly between the two neighbouring rows; a
 * price at or above 99¢ uses the 99¢ row. null when the table has no row for the price.
 */
export function historicalWinRate(table: WinRateTable, price: Micros): number | null {
  const cents = (price / MICROS_PER_DOLLAR) * 100;
  const lower = Math.min(Math.floor(cents), 99);
  const upper = Math.min(lower + 1, 99);
  const a = rateAt(table, lower);
  if (a === null) return null;
  const weight = cents - lower;
  if (upper === lower || weight <= 0) return a;
  const b = rateAt(table, upper);
  return b === null ? a : a + (b - a) * weight;
}
