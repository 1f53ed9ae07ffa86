import type { TradeRow } from "../../../projections/trades/projection.ts";
import type { ApiContext } from "../../context.ts";
import { formatContracts } from "../../money.ts";
import { markPosition } from "../../positions.ts";
import { storyEvents } from "../../read/story-events.ts";
import { buildStory } from "../../story.ts";

const entryCost = (t: TradeRow) => t.position_size + t.entry_fees;

export const Trade = {
  ticker: (t: TradeRow) => t.contract_id,
  seriesTicker: (t: TradeRow) => t.series_ticker,
  proposedAt: (t: TradeRow) => t.proposed_at,
  executedAt: (t: TradeRow) => t.executed_at,
  closedAt: (t: TradeRow) => t.resolved_at,
  closeTime: (t: TradeRow) => t.close_time,
  limitPrice: (t: TradeRow) => t.limit_price,
  entryPrice: (t: TradeRow) => t.entry_odds,
  exitPrice: (t: TradeRow) => t.exit_odds,
  contractsPurchased: (t: TradeRow) => formatContracts(t.contracts_purchased),
  contractsSold: (t: TradeRow) => formatContracts(t.contracts_sold),
  contractsHeld: (t: TradeRow) => formatContracts(t.contracts_purchased - t.contracts_sold),
  positionSize: (t: TradeRow) => t.position_size,
  entryFees: (t: TradeRow) => t.entry_fees,
  entryCost,
  exitProceeds: (t: TradeRow) => t.exit_proceeds,
  exitFees: (t: TradeRow) => t.exit_fees,
  realizedPnl: (t: TradeRow) => t.pnl,
  roi: (t: TradeRow) => (t.pnl === null || entryCost(t) <= 0 ? null : t.pnl / entryCost(t)),
  async unrealizedPnl(t: TradeRow, _: unknown, ctx: ApiContext) {
    if (t.status !== "open" || t.contracts_purchased <= t.contracts_sold) return null;
    return markPosition(t, await ctx.loaders.market(t.contract_id)).unrealizedPnl;
  },
  aiConfidence: (t: TradeRow) => t.ai_confidence,
  aiReasoning: (t: TradeRow) => t.ai_reasoning,
  riskFactors: (t: TradeRow) => t.risk_factors,
  rejectionReasons: (t: TradeRow) => t.rejection_reasons,
  analysisId: (t: TradeRow) => t.analysis_id,
  scanId: (t: TradeRow) => t.scan_id,
  clientOrderId: (t: TradeRow) => t.client_order_id,
  orderId: (t: TradeRow) => t.order_id,
  stopTriggeredAt: (t: TradeRow) => t.stop_triggered_at,
  correlationId: (t: TradeRow) => t.correlation_id,
  market: (t: TradeRow, _: unknown, ctx: ApiContext) => ctx.loaders.market(t.contract_id),
  decision: (t: TradeRow, _: unknown, ctx: ApiContext) =>
    t.analysis_id ? ctx.loaders.decision(t.analysis_id) : null,
  /** One query per trade: a story is asked for one trade at a time (the trade page). */
  story: async (t: TradeRow, _: unknown, ctx: ApiContext) => buildStory(await storyEvents(ctx.db, t), t.id),
};
