import type { TradeHistoryRow } from "./history.ts";

export type Outcome = "win" | "loss" | "void" | "open";

/**
 * A trade's result as the learning module counts it. A stop-loss is a loss even though the position
 * was sold rather than settled; a position closed by hand counts by its realized P&L.
 */
export function outcomeOf(trade: Pick<TradeHistoryRow, "status" | "pnl">): Outcome {
  switch (trade.status) {
    case "won":
      return "win";
    case "lost":
    case "stopped":
      return "loss";
    case "closed":
      return trade.pnl !== null && trade.pnl > 0 ? "win" : "loss";
    case "void":
      return "void";
    default:
      return "open";
  }
}
