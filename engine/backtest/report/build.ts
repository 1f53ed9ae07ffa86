/**
 * The backtest report from a run's figures and its projection rows: pure, deterministic, exact
 * money (integer micros throughout; only rates, percentages and scores are floats).
 */

import { tradeStats } from "../../reports/stats.ts";
import { type ClosedTrade, closedTrade, feesPaid } from "../../reports/trade-row.ts";
import type { SourceSpec } from "../types.ts";
import {
  type CalibrationOptions,
  CONFIDENCE_BUCKETS,
  CONFIDENCE_FROM,
  calibrationOf,
} from "./calibration.ts";
import { dailyEquity, dailyReturns, maxDrawdown, sharpeRatio, TRADING_DAYS_PER_YEAR } from "./equity.ts";
import { groupsBy } from "./groups.ts";
import type { KalshiHistory } from "./history.ts";
import type { ReportInput } from "./input.ts";
import { executed } from "./outcomes.ts";
import { stopVsHold } from "./stop-vs-hold.ts";
import type { BacktestReport } from "./types.ts";

export type ReportOptions = CalibrationOptions;

/** How every figure is defined, stored with the report so it reads without the code. */
export const CONVENTIONS: Record<string, string> = {
  money: "Integer micro-dollars (1 USD = 1,000,000), every fee included.",
  trades:
    "Trades closed during the run (settled or sold). Trades still open at the end are counted in openAtEnd and left out of P&L.",
  winRate: "wins / (wins + losses); voids count in neither; a sold trade is a win when it made money.",
  roiPct: "totalPnl / invested × 100, invested being the closed trades' entry cost including entry fees.",
  returnPct: "(finalEquity − startingBalance) / startingBalance × 100.",
  feesPaid: "Entry and exit fees of every trade that filled, open ones included.",
  maxDrawdown:
    "Largest fall from a running peak (starting at the starting balance) over every equity sample; maxDrawdownPct is the largest fall as a percentage of its peak, which need not be the same fall.",
  sharpe: `Daily returns of the UTC-day closing equity (days without a sample carry the previous close; the first day is measured from the starting balance); mean / sample standard deviation × √${TRADING_DAYS_PER_YEAR}, risk-free rate 0; null with fewer than two days or no variation.`,
  calibration: `Executed trades whose market settled yes or no, stopped ones included. Price buckets are by average entry price in whole cents next to real Kalshi win rates at the same prices; confidence buckets are ${CONFIDENCE_BUCKETS} equal buckets of the stated confidence from ${CONFIDENCE_FROM} to 1 (lower values fall into the first). Brier = mean (probability − outcome)².`,
  stopVsHold:
    "For each stopped trade: holdPnl is what holding the whole position to the market's settlement would have paid after fees; stopEffect = stopPnl − holdPnl (positive = the stop saved money).",
  equityCurve: "Per UTC day: the last, lowest and highest equity sample (cash + open positions at cost).",
};

const iso = (at: string): string => new Date(at).toISOString();

/** The source as stored: its kind, and its other fields as "name=value" in a stable order. */
export function sourceOf(s: SourceSpec): BacktestReport["run"]["source"] {
  const { kind, ...rest } = s as { kind: string } & Record<string, unknown>;
  const detail = Object.keys(rest)
    .sort()
    .filter((k) => rest[k] !== undefined)
    .map((k) => `${k}=${String(rest[k])}`)
    .join(" ");
  return { kind, detail };
}

export function buildReport(
  input: ReportInput,
  history: KalshiHistory,
  options: ReportOptions = {},
): BacktestReport {
  const closed: ClosedTrade[] = [];
  let openAtEnd = 0;
  let fees = 0;
  for (const t of input.trades) {
    if (!executed(t)) continue;
    fees += feesPaid(t);
    const c = closedTrade(t);
    if (c) closed.push(c);
    else openAtEnd++;
  }
  const totals = tradeStats(closed);

  const start = input.startingBalanceMicros;
  const samples = input.equity;
  const days = dailyEquity(samples);
  const finalEquity = samples.at(-1)?.balanceMicros ?? start;
  const drawdown = maxDrawdown(start, samples);
  const returns = dailyReturns(start, days);

  return {
    run: {
      from: iso(input.from),
      to: iso(input.to),
      source: sourceOf(input.source),
      selector: input.selector,
      parameters: { ...input.parameters },
      eventsProcessed: input.eventsProcessed,
      startingBalance: start,
      aiSpent: input.aiSpentMicros,
    },
    conventions: CONVENTIONS,
    summary: {
      trades: totals.trades,
      wins: totals.wins,
      losses: totals.losses,
      voids: totals.voids,
      stopLosses: totals.stopLosses,
      openAtEnd,
      winRate: totals.winRate,
      invested: totals.invested,
      totalPnl: totals.pnl,
      feesPaid: fees,
      roiPct: totals.roi,
      finalEquity,
      returnPct: start > 0 ? ((finalEquity - start) / start) * 100 : null,
      maxDrawdown: drawdown.amount,
      maxDrawdownPct: drawdown.pct,
      maxDrawdownPeakAt: drawdown.peakAt,
      maxDrawdownTroughAt: drawdown.troughAt,
      sharpe: sharpeRatio(returns),
      sharpeDays: returns.length,
    },
    equityCurve: days,
    calibration: calibrationOf(input.trades, input.marketResults, history, options),
    byCategory: groupsBy(closed, (c) => c.row.category),
    bySeries: groupsBy(closed, (c) => c.row.series_ticker),
    stopVsHold: stopVsHold(input.trades, input.marketResults),
  };
}
