import type { Settlement as ExchangeSettlement } from "../exchange/types.ts";
import type { Centis, Micros } from "../money/money.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import { settle } from "../risk/pnl.ts";
import { deterministicId } from "../time/random.ts";
import { checkBreakers } from "./breakers.ts";
import type { TradingDeps } from "./deps.ts";
import { openPositions } from "./read-model.ts";

/** Statuses in which a market's result is final and paid. */
const SETTLED = new Set(["finalized", "settled"]);

/**
 * check-resolutions: every open position whose market has settled becomes Resolved, with the
 * outcome and the P&L after fees. Live, the payout is the exchange's own settlement record, so
 * the P&L matches the account to the cent; paper computes the same figure from the result.
 */
export async function resolveTrades(deps: TradingDeps): Promise<{ checked: number; resolved: number }> {
  await deps.projector.catchUp();
  const open = await openPositions(deps.db, deps.config.accountId);
  let resolved = 0;
  for (const trade of open) {
    const market = await deps.market.getMarket(trade.contract_id);
    if (!SETTLED.has(market.status) && !(market.status === "determined" && deps.broker.mode === "paper"))
      continue;
    const result = market.result === "" ? null : market.result;
    if (!result) continue;
    let exchange: ExchangeSettlement | undefined;
    if (deps.broker.mode === "live") {
      exchange = (await deps.market.settlements({ ticker: trade.contract_id }))[0];
      if (!exchange) continue; // determined but not yet paid: check again next run
    }
    await appendResolved(deps, trade, result, exchange, market.settlementValue, market.settlementTime);
    resolved++;
  }
  if (resolved) {
    await deps.projector.catchUp();
    await checkBreakers(deps);
  }
  return { checked: open.length, resolved };
}

async function appendResolved(
  deps: TradingDeps,
  trade: TradeRow,
  marketResult: "yes" | "no" | "scalar",
  exchange: ExchangeSettlement | undefined,
  settlementValue: Micros | null,
  settlementTime: number | null,
) {
  const side = trade.side as "yes" | "no";
  const held = (trade.contracts_purchased - trade.contracts_sold) as Centis;
  const figures = settle({
    side,
    marketResult: exchange?.marketResult ?? marketResult,
    settlementValue,
    contracts: held,
    positionSize: trade.position_size as Micros,
    entryFees: trade.entry_fees as Micros,
  });
  // The exchange's revenue is authoritative for what the account received.
  const payout = exchange ? exchange.revenue : figures.payout;
  const entryCost = trade.position_size + trade.entry_fees;
  const saleNet = trade.exit_proceeds - trade.exit_fees;
  const realizedPnl = payout + saleNet - entryCost;
  const settledAt = new Date(exchange?.settledTime ?? settlementTime ?? deps.clock.now()).toISOString();
  await deps.store.append(
    `trade-${trade.id}`,
    [
      {
        type: "Resolved",
        id: deterministicId("Resolved", trade.id),
        data: {
          tradeId: trade.id,
          ticker: trade.contract_id,
          side,
          marketResult: exchange?.marketResult ?? marketResult,
          outcome: figures.outcome,
          contracts: held,
          entryCost,
          payout,
          fees: trade.entry_fees + trade.exit_fees,
          realizedPnl,
          settledAt,
        },
      },
    ],
    { correlationId: trade.correlation_id, causationId: trade.id },
  );
}
