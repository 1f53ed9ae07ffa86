/**
 * The monthly report's insights: plain sentences computed from the figures, the same text for the
 * same trades on every run (no model, no randomness, no clock), so a replay reproduces the report
 * exactly and the AI selector can be given them as context.
 */
import { percent, signedUsd, usd } from "../risk/format.ts";
import type { Calibration } from "./calibration.ts";
import type { TradeStats } from "./stats.ts";

/** A bucket needs this many settled trades before its gap is worth a sentence. */
export const MIN_CALIBRATION_TRADES = 5;
/** Gaps smaller than this (in probability) count as calibrated. */
export const CALIBRATION_TOLERANCE = 0.05;

export interface RankedMarketType {
  category: string;
  trades: number;
  pnl: number;
  roi: number | null;
  winRate: number | null;
}

export interface InsightInput {
  period: string;
  totals: TradeStats;
  fees: number;
  top: readonly RankedMarketType[];
  worst: readonly RankedMarketType[];
  /** The series with the most trades, if any. */
  busiestSeries: { series: string; stats: TradeStats } | null;
  calibration: Calibration;
}

const roiText = (roi: number | null) => (roi === null ? "n/a" : percent(roi / 100));
const ranked = (r: RankedMarketType) =>
  `${r.category} (${signedUsd(r.pnl)} over ${r.trades} trade${r.trades === 1 ? "" : "s"}, ROI ${roiText(r.roi)})`;

export function insights(i: InsightInput): string[] {
  const t = i.totals;
  if (t.trades === 0) return [`No trades closed in ${i.period}.`];
  const lines: string[] = [];
  const rate = t.winRate === null ? "no decided trades" : `win rate ${percent(t.winRate)}`;
  lines.push(
    `${t.trades} trade${t.trades === 1 ? "" : "s"} closed in ${i.period}: ${t.wins} won, ${t.losses} lost, ` +
      `${t.voids} void; ${rate}; P&L ${signedUsd(t.pnl)} on ${usd(t.invested)} invested (ROI ${roiText(t.roi)}).`,
  );
  lines.push(
    t.pnl > 0
      ? `Fees paid: ${usd(i.fees)}, ${percent(i.fees / (t.pnl + i.fees))} of the profit before fees.`
      : `Fees paid: ${usd(i.fees)}.`,
  );
  if (i.top.length > 0) lines.push(`Best market types: ${i.top.map(ranked).join("; ")}.`);
  if (i.worst.length > 0) lines.push(`Worst market types: ${i.worst.map(ranked).join("; ")}.`);
  if (i.busiestSeries) {
    const s = i.busiestSeries;
    lines.push(`Most traded series: ${s.series} (${s.stats.trades} trades, ${signedUsd(s.stats.pnl)}).`);
  }
  if (t.stopLosses > 0) {
    lines.push(
      `${t.stopLosses} position${t.stopLosses === 1 ? " was" : "s were"} sold by the stop-loss ` +
        `(${percent(t.stopLosses / t.trades)} of closed trades).`,
    );
  }
  lines.push(calibrationInsight(i.calibration));
  return lines;
}

function calibrationInsight(c: Calibration): string {
  const sized = c.buckets.filter((b) => b.trades >= MIN_CALIBRATION_TRADES);
  if (sized.length === 0) {
    return `Calibration: too few settled trades (need ${MIN_CALIBRATION_TRADES} in a confidence bucket; ${c.settled} settled).`;
  }
  // The largest miss; ties go to the lower bucket, so the sentence is stable.
  let worst = sized[0];
  for (const b of sized) if (worst && Math.abs(b.gap) > Math.abs(worst.gap)) worst = b;
  if (!worst || Math.abs(worst.gap) < CALIBRATION_TOLERANCE) {
    return `Calibration: stated confidence matched outcomes within ${percent(CALIBRATION_TOLERANCE, 0)} in every bucket with ${MIN_CALIBRATION_TRADES}+ trades.`;
  }
  const how = worst.gap < 0 ? "Overconfident" : "Underconfident";
  const brier =
    c.brierScore === null
      ? ""
      : ` Brier ${c.brierScore.toFixed(4)} vs market ${c.marketBrierScore === null ? "n/a" : c.marketBrierScore.toFixed(4)}.`;
  return (
    `${how} at ${worst.range}: stated ${percent(worst.statedMean)}, won ${percent(worst.observedWinRate)} ` +
    `(${worst.trades} trades).${brier}`
  );
}
