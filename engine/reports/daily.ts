/**
 * Daily performance metrics: the trades that closed (settled or sold) on one local day, with the
 * same figures as the performance_metrics projection. That projection buckets by UTC date; this
 * builder takes the zone, so with timeZone "UTC" the two agree exactly.
 */
import type { z } from "zod";
import type { ReportGenerated } from "../../events/catalog/report-generated.ts";
import { percent, signedUsd, usd } from "../risk/format.ts";
import { localDayKey } from "../risk/local-day.ts";
import { reportIdFor } from "./report-id.ts";
import { tradeStats } from "./stats.ts";
import { type ClosedTrade, closedTrade, type ReportTradeRow } from "./trade-row.ts";

export type ReportGeneratedData = z.output<typeof ReportGenerated.schema>;

export interface DailyMetrics {
  date: string;
  totalTrades: number;
  wins: number;
  losses: number;
  voids: number;
  stopLosses: number;
  /** wins / (wins + losses), null with no decided trade. */
  winRate: number | null;
  /** Micros. */
  totalInvested: number;
  /** Micros. */
  totalPnl: number;
  /** totalPnl / totalInvested × 100. */
  totalReturnPct: number | null;
}

/** Closed trades whose close falls on `day` (YYYY-MM-DD) in the zone. */
export function closedOn(trades: readonly ReportTradeRow[], day: string, timeZone: string): ClosedTrade[] {
  const out: ClosedTrade[] = [];
  for (const t of trades) {
    const c = closedTrade(t);
    if (c && localDayKey(c.closedAt, timeZone) === day) out.push(c);
  }
  return out;
}

export function dailyMetrics(trades: readonly ReportTradeRow[], day: string, timeZone: string): DailyMetrics {
  const s = tradeStats(closedOn(trades, day, timeZone));
  return {
    date: day,
    totalTrades: s.trades,
    wins: s.wins,
    losses: s.losses,
    voids: s.voids,
    stopLosses: s.stopLosses,
    winRate: s.winRate,
    totalInvested: s.invested,
    totalPnl: s.pnl,
    totalReturnPct: s.roi,
  };
}

export function dailySummary(m: DailyMetrics): string {
  if (m.totalTrades === 0) return `${m.date}: no trades closed.`;
  const rate = m.winRate === null ? "no decided trades" : `win rate ${percent(m.winRate)}`;
  const stops = m.stopLosses > 0 ? `, ${m.stopLosses} stopped` : "";
  return (
    `${m.date}: ${m.totalTrades} closed (${m.wins} won, ${m.losses} lost, ${m.voids} void${stops}), ${rate}, ` +
    `P&L ${signedUsd(m.totalPnl)} on ${usd(m.totalInvested)}.`
  );
}

export interface DailyReportInput {
  accountId: string;
  /** The local day reported on, YYYY-MM-DD. */
  day: string;
  timeZone: string;
  trades: readonly ReportTradeRow[];
}

export function buildDailyReport(input: DailyReportInput): ReportGeneratedData {
  const metrics = dailyMetrics(input.trades, input.day, input.timeZone);
  return {
    reportId: reportIdFor(input.accountId, "daily", input.day),
    kind: "daily",
    period: input.day,
    summary: dailySummary(metrics),
    body: { ...metrics },
  };
}
