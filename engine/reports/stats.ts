/**
 * Aggregate figures over a set of closed trades, as the seed defines them:
 *   win rate = wins / (wins + losses)            (voids count in neither; a fraction 0..1)
 *   roi      = total P&L / total invested × 100  (percent)
 *   avg roi  = mean of each trade's P&L / invested × 100 (percent): every trade weighs the same,
 *              whatever its size; roi weighs them by money.
 */
import type { ClosedTrade } from "./trade-row.ts";

export interface TradeStats {
  trades: number;
  wins: number;
  losses: number;
  voids: number;
  stopLosses: number;
  /** Micros: entry cost incl. entry fees. */
  invested: number;
  /** Micros, after every fee. */
  pnl: number;
  winRate: number | null;
  roi: number | null;
  avgRoi: number | null;
}

export function tradeStats(trades: readonly ClosedTrade[]): TradeStats {
  let wins = 0;
  let losses = 0;
  let voids = 0;
  let stopLosses = 0;
  let invested = 0;
  let pnl = 0;
  let roiSum = 0;
  let roiCount = 0;
  for (const t of trades) {
    if (t.outcome === "won") wins++;
    else if (t.outcome === "lost") losses++;
    else voids++;
    if (t.stopped) stopLosses++;
    invested += t.invested;
    pnl += t.pnl;
    if (t.invested > 0) {
      roiSum += (t.pnl / t.invested) * 100;
      roiCount++;
    }
  }
  return {
    trades: trades.length,
    wins,
    losses,
    voids,
    stopLosses,
    invested,
    pnl,
    winRate: wins + losses > 0 ? wins / (wins + losses) : null,
    roi: invested > 0 ? (pnl / invested) * 100 : null,
    avgRoi: roiCount > 0 ? roiSum / roiCount : null,
  };
}

/** Groups by a key, keys in sorted order so the JSON written is the same on every run. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
