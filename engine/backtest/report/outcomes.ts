/**
 * Which side won each traded market. A stopped trade never saw its settlement, but the market
 * still had a winner: calibration and stop-vs-hold both ask what the market did, not what we did.
 */
import type { TradeRow } from "../../projections/trades/projection.ts";

/** The market result for the trade's market: contracts.result, else what the trade's settlement implies. */
export function marketResultOf(trade: TradeRow, results: ReadonlyMap<string, string>): string {
  const known = results.get(trade.contract_id);
  if (known) return known;
  if (trade.status === "won") return trade.side;
  if (trade.status === "lost") return trade.side === "yes" ? "no" : "yes";
  if (trade.status === "void") return "void";
  return "";
}

/** 1 when our side won its market, 0 when it lost, null when the market settled neither way (yet). */
export function sideWon(trade: TradeRow, results: ReadonlyMap<string, string>): 0 | 1 | null {
  const result = marketResultOf(trade, results);
  if (result !== "yes" && result !== "no") return null;
  return result === trade.side ? 1 : 0;
}

/** A trade that bought at least one contract: the only ones with an entry price and an outcome. */
export const executed = (t: TradeRow): boolean => t.contracts_purchased > 0 && t.entry_odds !== null;
