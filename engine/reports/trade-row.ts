/**
 * What the reports read of a trade: columns of the `trades` projection (schema/002_projections.sql).
 * Money is integer micro-dollars, counts hundredths of a contract, times ISO 8601 text.
 */
import type { TradeRow } from "../projections/trades/projection.ts";
import { parseTradeStatus } from "../risk/trade-status.ts";

export type ReportTradeRow = Pick<
  TradeRow,
  | "id"
  | "contract_id"
  | "title"
  | "category"
  | "series_ticker"
  | "side"
  | "status"
  | "proposed_at"
  | "executed_at"
  | "entry_odds"
  | "position_size"
  | "entry_fees"
  | "contracts_purchased"
  | "exit_fees"
  | "contracts_sold"
  | "pnl"
  | "ai_confidence"
  | "close_time"
  | "resolved_at"
>;

/** What a trade cost to open, fees included: the `entryCost` of Resolved / PositionClosed. */
export const invested = (t: ReportTradeRow): number => t.position_size + t.entry_fees;

/** Every fee the trade paid, entry and exit. */
export const feesPaid = (t: ReportTradeRow): number => t.entry_fees + t.exit_fees;

export type Outcome = "won" | "lost" | "void";

export interface ClosedTrade {
  row: ReportTradeRow;
  outcome: Outcome;
  /** Sold before resolution by a stop-loss. */
  stopped: boolean;
  /** Sold before resolution (by a stop-loss or by hand). */
  sold: boolean;
  pnl: number;
  invested: number;
  /** Epoch ms the trade closed (settled or sold). */
  closedAt: number;
}

/**
 * A finished trade with its outcome, or null while it is still live. As in the
 * performance_metrics projection: a settled trade's outcome is the settlement's; a trade we sold
 * is a win when the sale made money and a loss otherwise.
 */
export function closedTrade(t: ReportTradeRow): ClosedTrade | null {
  if (t.resolved_at === null) return null;
  const closedAt = Date.parse(t.resolved_at);
  if (!Number.isFinite(closedAt)) return null;
  const pnl = t.pnl ?? 0;
  const base = { row: t, pnl, invested: invested(t), closedAt };
  const status = parseTradeStatus(t.status);
  switch (status) {
    case "won":
    case "lost":
    case "void":
      return { ...base, outcome: status, stopped: false, sold: false };
    case "stopped":
    case "closed":
      return { ...base, outcome: pnl > 0 ? "won" : "lost", stopped: status === "stopped", sold: true };
    case "proposed":
    case "rejected":
    case "pending":
    case "open":
    case "failed":
    case "unknown":
      return null;
  }
}
