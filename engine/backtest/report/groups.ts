/**
 * Results over the closed trades, overall and by category and series, with the monthly report's
 * own definitions (engine/reports/stats.ts): win rate = wins / (wins + losses), a sold trade a win
 * when it made money; ROI = P&L / entry cost incl. fees × 100.
 */
import { groupBy, type TradeStats, tradeStats } from "../../reports/stats.ts";
import type { ClosedTrade } from "../../reports/trade-row.ts";
import type { ReportGroup } from "./types.ts";

const toGroup = (name: string, s: TradeStats): ReportGroup => ({
  name,
  trades: s.trades,
  wins: s.wins,
  losses: s.losses,
  voids: s.voids,
  stopLosses: s.stopLosses,
  invested: s.invested,
  pnl: s.pnl,
  winRate: s.winRate,
  roiPct: s.roi,
});

/** One group per key, best P&L first (ties by name, so the order never depends on input order). */
export function groupsBy(closed: readonly ClosedTrade[], key: (c: ClosedTrade) => string): ReportGroup[] {
  return groupBy(closed, key)
    .map(([name, g]) => toGroup(name, tradeStats(g)))
    .sort((a, b) => b.pnl - a.pnl || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
