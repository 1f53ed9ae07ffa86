import type { DomainEvent } from "../../../events/codec.ts";
import { defineProjection } from "../projection.ts";

export interface PerformanceRow extends Record<string, unknown> {
  account_id: string;
  date: string;
  total_trades: number;
  wins: number;
  losses: number;
  voids: number;
  stop_losses: number;
  win_rate: number | null;
  total_invested: number;
  total_pnl: number;
  total_return_pct: number | null;
}

const utcDate = (iso: string) => new Date(iso).toISOString().slice(0, 10);

function closedOn(e: DomainEvent): string | null {
  if (e.type === "Resolved") return utcDate(e.data.settledAt);
  if (e.type === "PositionClosed") return utcDate(e.metadata.occurredAt);
  return null;
}

/**
 * Daily figures by the UTC date a trade closed (settled or sold). Win rate = wins / (wins + losses),
 * as in the seed; a position sold at a profit counts as a win, at a loss as a loss.
 */
export const performanceMetricsProjection = defineProjection<PerformanceRow>({
  name: "performance_metrics",
  version: 1,
  table: "performance_metrics",
  primaryKey: ["account_id", "date"],
  handles: ["Resolved", "PositionClosed"],
  keyOf(e) {
    const date = closedOn(e);
    return date ? [e.metadata.accountId, date] : null;
  },
  evolve(row, event) {
    if (event.type !== "Resolved" && event.type !== "PositionClosed") return row;
    const base: PerformanceRow = row ?? {
      account_id: event.metadata.accountId,
      date: closedOn(event) ?? "",
      total_trades: 0,
      wins: 0,
      losses: 0,
      voids: 0,
      stop_losses: 0,
      win_rate: null,
      total_invested: 0,
      total_pnl: 0,
      total_return_pct: null,
    };
    const d = event.data;
    const outcome =
      event.type === "Resolved" ? event.data.outcome : event.data.realizedPnl > 0 ? "won" : "lost";
    const next = {
      ...base,
      total_trades: base.total_trades + 1,
      wins: base.wins + (outcome === "won" ? 1 : 0),
      losses: base.losses + (outcome === "lost" ? 1 : 0),
      voids: base.voids + (outcome === "void" ? 1 : 0),
      stop_losses:
        base.stop_losses + (event.type === "PositionClosed" && event.data.reason === "stop_loss" ? 1 : 0),
      total_invested: base.total_invested + d.entryCost,
      total_pnl: base.total_pnl + d.realizedPnl,
    };
    const decided = next.wins + next.losses;
    return {
      ...next,
      win_rate: decided > 0 ? next.wins / decided : null,
      total_return_pct: next.total_invested > 0 ? (next.total_pnl / next.total_invested) * 100 : null,
    };
  },
});
