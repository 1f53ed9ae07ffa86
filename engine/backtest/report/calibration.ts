/**
 * Calibration of a run's entries, every executed trade whose market settled yes or no:
 * - by entry-price bucket (whole cents, `bucketCents` wide): how often our side won, next to how
 *   often real Kalshi contracts bought at those prices won (72.1 million trades), plus the Brier
 *   score of the entry price itself (the market's forecast);
 * - by the selector's stated confidence (trades.ai_confidence), in 0.05-wide buckets from 0.5
 *   (lower confidences fall into the first bucket), with its Brier score.
 */
import { brierScore, reliabilityBuckets } from "../../analyst/calibration.ts";
import { MICROS_PER_DOLLAR } from "../../money/money.ts";
import type { TradeRow } from "../../projections/trades/projection.ts";
import { historyBetween, type KalshiHistory } from "./history.ts";
import { executed, sideWon } from "./outcomes.ts";
import type { BacktestReport, PriceBucket } from "./types.ts";

const MICROS_PER_CENT = MICROS_PER_DOLLAR / 100;
export const CONFIDENCE_FROM = 0.5;
export const CONFIDENCE_BUCKETS = 10;

export interface CalibrationOptions {
  /** Width of an entry-price bucket in whole cents (default 1: the history table's own step). */
  bucketCents?: number;
}

export function calibrationOf(
  trades: readonly TradeRow[],
  results: ReadonlyMap<string, string>,
  history: KalshiHistory,
  options: CalibrationOptions = {},
): BacktestReport["calibration"] {
  const width = options.bucketCents ?? 1;
  if (!Number.isInteger(width) || width < 1 || width > 100)
    throw new RangeError(`bucketCents must be a whole number of cents from 1 to 100, got ${width}`);
  const points: { price: number; probability: number; outcome: 0 | 1 }[] = [];
  let unsettled = 0;
  for (const t of trades) {
    if (!executed(t)) continue;
    const outcome = sideWon(t, results);
    if (outcome === null) {
      unsettled++;
      continue;
    }
    points.push({
      price: t.entry_odds as number,
      probability: Math.min(1, Math.max(0, t.ai_confidence)),
      outcome,
    });
  }

  const byBucket = new Map<number, { trades: number; wins: number; priceSum: number }>();
  for (const p of points) {
    const cents = Math.min(99, Math.floor(p.price / MICROS_PER_CENT));
    const start = cents - (cents % width);
    const b = byBucket.get(start) ?? { trades: 0, wins: 0, priceSum: 0 };
    b.trades++;
    b.wins += p.outcome;
    b.priceSum += p.price;
    byBucket.set(start, b);
  }
  const buckets: PriceBucket[] = [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, b]) => {
      const real = historyBetween(history, start, start + width);
      return {
        lower: start / 100,
        upper: Math.min(100, start + width) / 100,
        trades: b.trades,
        wins: b.wins,
        winRate: b.wins / b.trades,
        meanPrice: b.priceSum / b.trades / MICROS_PER_DOLLAR,
        kalshiTrades: real.trades,
        kalshiWinRate: real.trades > 0 ? real.wins / real.trades : null,
      };
    });

  return {
    settled: points.length,
    unsettled,
    price: {
      bucketWidth: width / 100,
      buckets,
      brier: brierScore(
        points.map((p) => ({ probability: p.price / MICROS_PER_DOLLAR, outcome: p.outcome })),
      ),
      kalshiSource: history.source,
    },
    confidence: {
      buckets: reliabilityBuckets(points, { buckets: CONFIDENCE_BUCKETS, from: CONFIDENCE_FROM }),
      brier: brierScore(points),
    },
  };
}
