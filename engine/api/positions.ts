import type { ContractRow } from "../projections/contracts/projection.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import { type OpenPositionLine, openPosition } from "../reports/morning.ts";
import { quoteFromRow } from "../risk/quote.ts";

/**
 * An open position marked at OUR side's bid from the market cache, after the exit fee: the same
 * arithmetic as the morning report (engine/reports/morning.ts), so the dashboard and the report
 * never disagree. No bid: unpriced (null), never guessed.
 */
export interface PositionView extends OpenPositionLine {
  trade: TradeRow;
  quotedAt: string | null;
  unrealizedPnlPct: number | null;
}

export function markPosition(trade: TradeRow, market: ContractRow | null): PositionView {
  const line = openPosition(trade, market ? quoteFromRow(market) : undefined);
  return {
    ...line,
    trade,
    quotedAt: market?.observed_at ?? null,
    unrealizedPnlPct:
      line.unrealizedPnl === null || line.entryCost <= 0 ? null : (line.unrealizedPnl / line.entryCost) * 100,
  };
}
