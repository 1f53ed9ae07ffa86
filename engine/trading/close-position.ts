import type { Centis, Micros } from "../money/money.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import { realizedPnlOfSale } from "../risk/pnl.ts";
import { deterministicId } from "../time/random.ts";
import { checkBreakers } from "./breakers.ts";
import type { TradingDeps } from "./deps.ts";
import { placeAndRecord } from "./execute-proposal.ts";
import { exitOrderId } from "./order-ids.ts";
import { tradeById } from "./read-model.ts";

/** How far below the trigger bid a stop may sell: it must get out, but not at any price. */
const STOP_SLIPPAGE = 100_000; // 10¢
const MIN_PRICE = 10_000; // 1¢, the lowest price Kalshi trades

const inFlight = new Set<string>();

export interface CloseRequest {
  reason: "stop_loss" | "manual";
  /** Our side's bid that triggered a stop (StopTriggered.triggerPrice). */
  triggerBid?: Micros;
  source?: "schedule" | "realtime";
}

/**
 * Sells a position, reduce-only IOC, and appends StopTriggered (for a stop), the order and its
 * fills, and PositionClosed with the realized P&L after every fee once nothing is left.
 * The scheduled and the real-time stop paths may race for one trade: only one sells.
 */
export async function closePosition(
  deps: TradingDeps,
  tradeId: string,
  request: CloseRequest,
): Promise<TradeRow | null> {
  if (inFlight.has(tradeId)) return null;
  inFlight.add(tradeId);
  try {
    await deps.projector.catchUp();
    let trade = await tradeById(deps.db, tradeId);
    if (trade?.status !== "open") return trade;
    const stream = `trade-${tradeId}`;
    const correlationId = trade.correlation_id;
    if (request.reason === "stop_loss" && request.triggerBid !== undefined && !trade.stop_triggered_at) {
      await deps.store.append(
        stream,
        [
          {
            type: "StopTriggered",
            id: deterministicId("StopTriggered", tradeId),
            data: {
              tradeId,
              ticker: trade.contract_id,
              side: trade.side as "yes" | "no",
              triggerPrice: request.triggerBid,
              threshold: deps.config.trading.stopLossThreshold,
              source: request.source ?? "schedule",
            },
          },
        ],
        { correlationId, causationId: tradeId },
      );
    }
    const remaining = (trade.contracts_purchased - trade.contracts_sold) as Centis;
    if (remaining > 0) {
      const floor =
        request.triggerBid !== undefined
          ? Math.max(MIN_PRICE, request.triggerBid - STOP_SLIPPAGE)
          : MIN_PRICE;
      const attempt = await sellAttempts(deps, tradeId);
      await placeAndRecord(
        deps,
        {
          tradeId,
          ticker: trade.contract_id,
          side: trade.side as "yes" | "no",
          action: "sell",
          purpose: request.reason === "stop_loss" ? "stop_loss" : "manual_close",
          count: remaining,
          limitPrice: floor as Micros,
          timeInForce: "immediate_or_cancel",
          mode: deps.broker.mode,
        },
        exitOrderId(tradeId, attempt),
        correlationId,
      );
      await deps.projector.catchUp();
      trade = (await tradeById(deps.db, tradeId)) ?? trade;
    }
    if (trade.contracts_sold >= trade.contracts_purchased && trade.status === "open") {
      await appendPositionClosed(deps, trade, request.reason);
      await deps.projector.catchUp();
      await checkBreakers(deps);
      trade = (await tradeById(deps.db, tradeId)) ?? trade;
    }
    return trade;
  } finally {
    inFlight.delete(tradeId);
  }
}

async function sellAttempts(deps: TradingDeps, tradeId: string): Promise<number> {
  const [row] = await deps.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND event_type = 'OrderPlaced' AND data ->> 'action' = 'sell'",
    [`trade-${tradeId}`],
  );
  return (row?.n ?? 0) + 1;
}

export async function appendPositionClosed(
  deps: TradingDeps,
  trade: TradeRow,
  reason: "stop_loss" | "manual",
) {
  const position = {
    contracts: trade.contracts_purchased as Centis,
    positionSize: trade.position_size as Micros,
    entryFees: trade.entry_fees as Micros,
  };
  const realizedPnl = realizedPnlOfSale({
    ...position,
    contractsSold: trade.contracts_sold as Centis,
    proceeds: trade.exit_proceeds as Micros,
    exitFees: trade.exit_fees as Micros,
  });
  await deps.store.append(
    `trade-${trade.id}`,
    [
      {
        type: "PositionClosed",
        id: deterministicId("PositionClosed", trade.id),
        data: {
          tradeId: trade.id,
          ticker: trade.contract_id,
          side: trade.side as "yes" | "no",
          reason,
          contracts: trade.contracts_sold,
          entryCost: trade.position_size + trade.entry_fees,
          exitPrice: trade.exit_odds ?? 0,
          proceeds: trade.exit_proceeds,
          fees: trade.entry_fees + trade.exit_fees,
          realizedPnl,
        },
      },
    ],
    { correlationId: trade.correlation_id, causationId: trade.id },
  );
}
