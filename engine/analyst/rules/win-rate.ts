/**
 * How often Kalshi contracts bought at each price actually won (72.1 million real trades). The
 * favourite-longshot bias is small but real: at 95¢ the favourite won 95.8% of the time. The rules
 * selector's probability is the market price adjusted by this table.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Micros } from "../../money/money.ts";
// One embedded copy of the table for the whole engine: the scanner's, generated from the CSV.
import { KALSHI_WIN_RATE_BY_PRICE } from "../../strategy/scanner/win-rate-data.ts";

/** engine/analyst/rules/ → repository root (/work/main) → its sibling shared/data folder. */
export const WIN_RATE_CSV_URL = new URL(
  "../../../../shared/data/kalshi-win-rate-by-price.csv",
  import.meta.url,
);

export interface WinRateRow {
  /** Cents, 0 to 99. */
  price: number;
  totalTrades: number;
  wins: number;
}

export interface WinRateTable {
  source: "file" | "embedded";
  /** The file read, or why the embedded copy was used. */
  detail: string;
  /** Win rate by price in cents, index 0..99. */
  rates: readonly number[];
}

export class WinRateFormatError extends Error {
  override readonly name = "WinRateFormatError";
}

const HEADER = "price,total_trades,wins,win_rate";

export function parseWinRateCsv(text: string): WinRateRow[] {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0]?.trim() !== HEADER) throw new WinRateFormatError(`expected header "${HEADER}"`);
  const rows = lines.slice(1).map((line, i) => {
    const [price, total, wins] = line.split(",").map((x) => Number(x));
    if (
      price === undefined ||
      total === undefined ||
      wins === undefined ||
      !Number.isInteger(price) ||
      !Number.isInteger(total) ||
      !Number.isInteger(wins) ||
      total <= 0 ||
      wins < 0 ||
      wins > total
    ) {
      throw new WinRateFormatError(`line ${i + 2}: ${JSON.stringify(line)} is not price,total,wins,rate`);
    }
    return { price, totalTrades: total, wins };
  });
  const prices = rows.map((r) => r.price);
  if (rows.length !== 100 || prices.some((p, i) => p !== i)) {
    throw new WinRateFormatError("expected one row for every price from 0 to 99 cents, in order");
  }
  return rows;
}

const ratesOf = (rows: readonly WinRateRow[]): number[] => rows.map((r) => r.wins / r.totalTrades);

/** Used when the file cannot be read at run time (e.g. a container without the shared data folder). */
export const embeddedRows = (): WinRateRow[] =>
  KALSHI_WIN_RATE_BY_PRICE.flatMap((row) =>
    row ? [{ price: row.priceCents, totalTrades: row.trades, wins: row.wins }] : [],
  );

/** The table from the CSV, or the embedded copy (with the reason) if the file is missing or broken. */
export function loadWinRateTable(url: URL = WIN_RATE_CSV_URL): WinRateTable {
  const path = fileURLToPath(url);
  try {
    return { source: "file", detail: path, rates: ratesOf(parseWinRateCsv(readFileSync(path, "utf8"))) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { source: "embedded", detail: `could not use ${path}: ${why}`, rates: ratesOf(embeddedRows()) };
  }
}

/**
 * Probability that a side priced at `price` wins: the table's win rate, interpolated linearly
 * between whole cents (Kalshi also quotes sub-penny prices).
 */
export function calibratedProbability(table: WinRateTable, price: Micros): number {
  const cents = Math.min(99, Math.max(0, price / 10_000));
  const lo = Math.floor(cents);
  const hi = Math.min(99, lo + 1);
  const a = table.rates[lo] ?? 0;
  const b = table.rates[hi] ?? a;
  return a + (b - a) * (cents - lo);
}
