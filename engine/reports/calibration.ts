/**
 * The calibration ledger: did the probabilities we stated come true as often as we said?
 *
 * Each settled trade's stated probability (trades.ai_confidence: the selector's confidence that
 * our side wins) goes into a bucket 0.05 wide; per bucket we compare the mean stated probability
 * with how often those trades actually won, and with the market's own probability (the entry
 * price). A well-calibrated selector's buckets sit on the diagonal; observed − stated < 0 means
 * overconfidence. The Brier score (mean squared error of the stated probability against the 0/1
 * outcome) sums it up, with the market's score beside it as the benchmark to beat.
 *
 * Only trades settled won or lost count: a trade sold before resolution (stop-loss or by hand)
 * never learned its outcome, and a void has none. They are counted as excluded.
 */
import { MICROS_PER_DOLLAR } from "../money/money.ts";
import type { ClosedTrade } from "./trade-row.ts";

export const BUCKET_WIDTH = 0.05;
const BUCKETS = Math.round(1 / BUCKET_WIDTH);

export interface CalibrationBucket {
  /** "0.90-0.95"; the last bucket includes 1.00. */
  range: string;
  lower: number;
  upper: number;
  trades: number;
  wins: number;
  statedMean: number;
  /** Mean entry price as a probability; null if no trade in the bucket has an entry price. */
  marketMean: number | null;
  observedWinRate: number;
  /** observedWinRate − statedMean: negative = overconfident. */
  gap: number;
}

export interface Calibration {
  bucketWidth: number;
  buckets: CalibrationBucket[];
  settled: number;
  brierScore: number | null;
  marketBrierScore: number | null;
  excluded: { sold: number; void: number };
}

/** Bucket index of a probability, exact at the edges (0.95 is in 0.95–1.00, not 0.90–0.95). */
export function bucketOf(p: number): number {
  const clamped = Math.min(1, Math.max(0, p));
  return Math.min(BUCKETS - 1, Math.floor(Math.round(clamped * 1_000_000) / (BUCKET_WIDTH * 1_000_000)));
}

const label = (i: number): string =>
  `${(i * BUCKET_WIDTH).toFixed(2)}-${((i + 1) * BUCKET_WIDTH).toFixed(2)}`;

export function calibration(trades: readonly ClosedTrade[]): Calibration {
  const acc = new Map<number, { n: number; wins: number; stated: number; market: number; marketN: number }>();
  let settled = 0;
  let brier = 0;
  let marketBrier = 0;
  let marketN = 0;
  let sold = 0;
  let voids = 0;
  for (const t of trades) {
    if (t.outcome === "void") {
      voids++;
      continue;
    }
    if (t.sold) {
      sold++;
      continue;
    }
    const won = t.outcome === "won" ? 1 : 0;
    const p = Math.min(1, Math.max(0, t.row.ai_confidence));
    const i = bucketOf(p);
    const b = acc.get(i) ?? { n: 0, wins: 0, stated: 0, market: 0, marketN: 0 };
    b.n++;
    b.wins += won;
    b.stated += p;
    settled++;
    brier += (p - won) ** 2;
    if (t.row.entry_odds !== null) {
      const q = t.row.entry_odds / MICROS_PER_DOLLAR;
      b.market += q;
      b.marketN++;
      marketBrier += (q - won) ** 2;
      marketN++;
    }
    acc.set(i, b);
  }
  const buckets = [...acc.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, b]): CalibrationBucket => {
      const statedMean = b.stated / b.n;
      const observedWinRate = b.wins / b.n;
      return {
        range: label(i),
        lower: Number((i * BUCKET_WIDTH).toFixed(2)),
        upper: Number(((i + 1) * BUCKET_WIDTH).toFixed(2)),
        trades: b.n,
        wins: b.wins,
        statedMean,
        marketMean: b.marketN > 0 ? b.market / b.marketN : null,
        observedWinRate,
        gap: observedWinRate - statedMean,
      };
    });
  return {
    bucketWidth: BUCKET_WIDTH,
    buckets,
    settled,
    brierScore: settled > 0 ? brier / settled : null,
    marketBrierScore: marketN > 0 ? marketBrier / marketN : null,
    excluded: { sold, void: voids },
  };
}
