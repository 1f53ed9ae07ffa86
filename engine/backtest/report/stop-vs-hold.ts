/**
 * Stop-loss against hold-to-resolution, for every stopped trade: what holding the whole position
 * to settlement would have paid after fees (Kalshi's settlement, engine/risk/pnl.ts), beside what
 * the stop realised. stopEffect = stopPnl − holdPnl: positive, the stop saved money; negative, it
 * cost money. A market that has not settled (or settled scalar, whose value the contracts table
 * does not keep) has no hold value and is left out of the totals.
 */
import type { Centis, Micros } from "../../money/money.ts";
import type { TradeRow } from "../../projections/trades/projection.ts";
import { settle } from "../../risk/pnl.ts";
import { marketResultOf } from "./outcomes.ts";
import type { StoppedTradeComparison, StopVsHold } from "./types.ts";

const isoOrNull = (at: string | null): string | null => (at === null ? null : new Date(at).toISOString());

export function holdPnl(trade: TradeRow, marketResult: string): number | null {
  if (marketResult !== "yes" && marketResult !== "no" && marketResult !== "void") return null;
  if (trade.side !== "yes" && trade.side !== "no") return null;
  return settle({
    side: trade.side,
    marketResult,
    contracts: trade.contracts_purchased as Centis,
    positionSize: trade.position_size as Micros,
    entryFees: trade.entry_fees as Micros,
  }).realizedPnl;
}

export function stopVsHold(trades: readonly TradeRow[], results: ReadonlyMap<string, string>): StopVsHold {
  const rows: StoppedTradeComparison[] = [];
  const totals = { compared: 0, stopPnl: 0, holdPnl: 0, saved: 0, cost: 0 };
  for (const t of trades) {
    if (t.status !== "stopped") continue;
    const marketResult = marketResultOf(t, results);
    const stopPnl = t.pnl ?? 0;
    const hold = holdPnl(t, marketResult);
    const effect = hold === null ? null : stopPnl - hold;
    rows.push({
      tradeId: t.id,
      ticker: t.contract_id,
      side: t.side as "yes" | "no",
      category: t.category,
      seriesTicker: t.series_ticker,
      stoppedAt: isoOrNull(t.stop_triggered_at ?? t.resolved_at),
      exitPrice: t.exit_odds,
      stopPnl,
      marketResult,
      holdPnl: hold,
      stopEffect: effect,
    });
    if (hold === null || effect === null) continue;
    totals.compared++;
    totals.stopPnl += stopPnl;
    totals.holdPnl += hold;
    if (effect > 0) totals.saved += effect;
    else totals.cost -= effect;
  }
  return {
    stopped: rows.length,
    compared: totals.compared,
    stopPnl: totals.stopPnl,
    holdPnl: totals.holdPnl,
    saved: totals.saved,
    cost: totals.cost,
    net: totals.saved - totals.cost,
    trades: rows,
  };
}
