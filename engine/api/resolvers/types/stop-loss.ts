import type { StopLossRow } from "../../../projections/stop-loss-events/projection.ts";
import type { ApiContext } from "../../context.ts";

export const StopLossEvent = {
  tradeId: (s: StopLossRow) => s.trade_id,
  trade: (s: StopLossRow, _: unknown, ctx: ApiContext) => ctx.loaders.trade(s.trade_id),
  ticker: (s: StopLossRow) => s.contract_id,
  triggerPrice: (s: StopLossRow) => s.trigger_odds,
  triggeredAt: (s: StopLossRow) => s.triggered_at,
  exitPrice: (s: StopLossRow) => s.exit_odds,
  realizedPnl: (s: StopLossRow) => s.realized_loss,
  closedAt: (s: StopLossRow) => s.closed_at,
};
