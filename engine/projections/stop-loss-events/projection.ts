import { defineProjection } from "../projection.ts";

export interface StopLossRow extends Record<string, unknown> {
  trade_id: string;
  account_id: string;
  contract_id: string;
  side: string;
  trigger_odds: number;
  threshold: number;
  source: string;
  triggered_at: string;
  exit_odds: number | null;
  realized_loss: number | null;
  closed_at: string | null;
  reason: string;
}

/** Every stop-loss, from trigger to the sale: the seed's `stop_loss_events`. */
export const stopLossEventsProjection = defineProjection<StopLossRow>({
  name: "stop_loss_events",
  version: 1,
  table: "stop_loss_events",
  primaryKey: ["trade_id"],
  handles: ["StopTriggered", "PositionClosed"],
  keyOf(e) {
    if (e.type === "StopTriggered") return [e.data.tradeId];
    if (e.type === "PositionClosed" && e.data.reason === "stop_loss") return [e.data.tradeId];
    return null;
  },
  evolve(row, event) {
    switch (event.type) {
      case "StopTriggered": {
        const d = event.data;
        if (row) return row; // the first trigger is the one that counts
        return {
          trade_id: d.tradeId,
          account_id: event.metadata.accountId,
          contract_id: d.ticker,
          side: d.side,
          trigger_odds: d.triggerPrice,
          threshold: d.threshold,
          source: d.source,
          triggered_at: event.metadata.occurredAt,
          exit_odds: null,
          realized_loss: null,
          closed_at: null,
          reason: `${d.side.toUpperCase()} bid ${(d.triggerPrice / 10_000).toFixed(1)}¢ fell below ${(d.threshold / 10_000).toFixed(1)}¢ (${d.source})`,
        };
      }
      case "PositionClosed":
        if (!row) return null;
        return {
          ...row,
          exit_odds: event.data.exitPrice,
          realized_loss: event.data.realizedPnl,
          closed_at: event.metadata.occurredAt,
        };
      default:
        return row;
    }
  },
});
