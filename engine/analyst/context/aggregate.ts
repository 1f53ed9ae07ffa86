/**
 * Performance patterns for the prompt: win rates by confidence, by entry price and by category.
 * Pure functions over trade rows, so the numbers the AI sees can be checked without a database.
 */
import { type Micros, sumMicros } from "../../money/money.ts";
import type { TradeHistoryRow } from "./history.ts";
import { outcomeOf } from "./outcome.ts";

export interface BucketStats {
  bucket: string;
  trades: number;
  wins: number;
  losses: number;
  /** wins / (wins + losses), to 3 decimals; null until a trade in the bucket is decided. */
  winRate: number | null;
  /** Realized P&L of the decided trades, in micros. */
  pnl: Micros;
}

export interface Bucket {
  label: string;
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound. */
  max: number;
}

/** The confidences the AI actually states cluster high; finer buckets up there show over-confidence. */
export const CONFIDENCE_BUCKETS: readonly Bucket[] = [
  { label: "<0.80", min: Number.NEGATIVE_INFINITY, max: 0.8 },
  { label: "0.80-0.85", min: 0.8, max: 0.85 },
  { label: "0.85-0.90", min: 0.85, max: 0.9 },
  { label: "0.90-0.95", min: 0.9, max: 0.95 },
  { label: "0.95-1.00", min: 0.95, max: Number.POSITIVE_INFINITY },
];

/** Entry price in micros (85¢ = 850_000), integer bounds so no price falls between buckets. */
export const PRICE_BUCKETS: readonly Bucket[] = [
  { label: "<85¢", min: Number.NEGATIVE_INFINITY, max: 850_000 },
  { label: "85-89¢", min: 850_000, max: 900_000 },
  { label: "90-92¢", min: 900_000, max: 930_000 },
  { label: "93-95¢", min: 930_000, max: 960_000 },
  { label: "96-99¢", min: 960_000, max: Number.POSITIVE_INFINITY },
];

export const bucketOf = (value: number, buckets: readonly Bucket[]): string =>
  buckets.find((b) => value >= b.min && value < b.max)?.label ?? "other";

const roundTo = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

export function statsOf(bucket: string, trades: readonly TradeHistoryRow[]): BucketStats {
  let wins = 0;
  let losses = 0;
  const pnls: Micros[] = [];
  for (const t of trades) {
    const outcome = outcomeOf(t);
    if (outcome === "win") wins++;
    if (outcome === "loss") losses++;
    if ((outcome === "win" || outcome === "loss") && t.pnl !== null) pnls.push(t.pnl);
  }
  const decided = wins + losses;
  return {
    bucket,
    trades: trades.length,
    wins,
    losses,
    winRate: decided === 0 ? null : roundTo(wins / decided, 3),
    pnl: sumMicros(pnls),
  };
}

/** Stats per key, in `order` when given (every bucket shown, even empty), else by key. */
export function groupStats(
  trades: readonly TradeHistoryRow[],
  keyOf: (t: TradeHistoryRow) => string,
  order?: readonly string[],
): BucketStats[] {
  const groups = new Map<string, TradeHistoryRow[]>();
  for (const key of order ?? []) groups.set(key, []);
  for (const t of trades) {
    const key = keyOf(t);
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const keys = order ? [...groups.keys()] : [...groups.keys()].sort();
  return keys.map((k) => statsOf(k, groups.get(k) ?? []));
}

export interface PerformancePatterns {
  overall: BucketStats;
  byConfidence: BucketStats[];
  byEntryPrice: BucketStats[];
  byCategory: BucketStats[];
}

export function performancePatterns(trades: readonly TradeHistoryRow[]): PerformancePatterns {
  return {
    overall: statsOf("all", trades),
    byConfidence: groupStats(
      trades,
      (t) => bucketOf(t.confidence, CONFIDENCE_BUCKETS),
      CONFIDENCE_BUCKETS.map((b) => b.label),
    ),
    byEntryPrice: groupStats(
      trades,
      (t) => bucketOf(t.entryPrice, PRICE_BUCKETS),
      PRICE_BUCKETS.map((b) => b.label),
    ),
    byCategory: groupStats(trades, (t) => t.category || "uncategorized"),
  };
}
