import type { Candidate, Selection } from "../analyst/types.ts";
import { ExchangeError } from "../exchange/errors.ts";
import { filledCount } from "../execution/broker.ts";
import { recordError } from "../jobs/record-error.ts";
import { STANDARD_FEES } from "../money/fees.ts";
import type { Micros } from "../money/money.ts";
import { decide, type RiskReason } from "../risk/decide.ts";
import { localDayBounds } from "../risk/local-day.ts";
import { sizeOrder } from "../risk/sizing.ts";
import type { TradingDeps } from "./deps.ts";
import { entryOrderId } from "./order-ids.ts";
import { paperBalance, tradesForRisk, tradingState } from "./read-model.ts";
import { executionEvents, failedEvent, type OrderFacts } from "./record-execution.ts";

export interface ProposalOutcome {
  tradeId: string;
  ticker: string;
  status: "rejected" | "filled" | "partial" | "unfilled" | "failed";
  reasons?: RiskReason[];
  contracts?: number;
}

/** Cash available to trade: the exchange's balance when live, the paper ledger otherwise. */
export async function availableBalance(deps: TradingDeps): Promise<Micros> {
  if (deps.broker.mode === "live") return (await deps.market.getBalance()).balance;
  return (await paperBalance(
    deps.db,
    deps.config.accountId,
    deps.config.trading.paperStartingBalance,
  )) as Micros;
}

/**
 * One selection becomes a trade: risk → TradeProposed (with risk's checks) → (TradeRejected | order → OrderPlaced,
 * OrderFilled…, OrderFailed). The order is an IOC limit at the current ask with a price cap, its
 * client_order_id derived from the proposal's id, so no retry or restart ever buys twice.
 */
export async function executeProposal(
  deps: TradingDeps,
  input: {
    selection: Selection;
    candidate: Candidate;
    analysisId: string | null;
    scanId: string | null;
    correlationId: string;
  },
): Promise<ProposalOutcome> {
  const { selection, candidate } = input;
  // Event data is plain numbers; these are exact integer micros by the schema.
  const allocation = selection.allocation as Micros;
  const price = candidate.price as Micros;
  const { store, config, clock } = deps;
  const tradeId = deps.ids.next();
  const stream = `trade-${tradeId}`;

  // Risk decides before the proposal is recorded, so the proposal itself (or its rejection)
  // carries every check risk ran, with what it observed and the limit: the audit's evidence.
  await deps.projector.catchUp();
  const now = clock.now();
  const day = localDayBounds(now, config.timezone);
  const fees = (await deps.market.feesFor?.(candidate.ticker)) ?? STANDARD_FEES;
  const verdict = decide(
    { tradeId, ticker: candidate.ticker, side: selection.side, allocation, price, fees },
    {
      balance: await availableBalance(deps),
      trades: await tradesForRisk(deps.db, config.accountId, new Date(day.start).toISOString()),
      tradingState: await tradingState(deps.db, config.accountId),
    },
    { ...config.trading, timeZone: config.timezone },
    now,
  );

  await store.append(
    stream,
    [
      {
        type: "TradeProposed",
        id: tradeId,
        data: {
          tradeId,
          analysisId: input.analysisId,
          scanId: input.scanId,
          ticker: candidate.ticker,
          title: candidate.title,
          category: candidate.category,
          seriesTicker: candidate.seriesTicker,
          side: selection.side,
          allocation: selection.allocation,
          limitPrice: candidate.price,
          closeTime: candidate.closeTime,
          confidence: selection.confidence,
          reasoning: selection.reasoning,
          riskFactors: selection.riskFactors,
          // A refusal's checks are on its TradeRejected, appended next.
          riskChecks: verdict.ok ? verdict.checks : null,
        },
      },
    ],
    { expectedVersion: "no_stream", correlationId: input.correlationId, causationId: input.analysisId },
  );
  await deps.projector.catchUp();

  if (!verdict.ok) {
    await store.append(
      stream,
      [
        {
          type: "TradeRejected",
          data: {
            tradeId,
            ticker: candidate.ticker,
            side: selection.side,
            allocation: selection.allocation,
            reasons: verdict.reasons,
            checks: verdict.checks,
          },
        },
      ],
      { expectedVersion: 1, correlationId: input.correlationId, causationId: tradeId },
    );
    return { tradeId, ticker: candidate.ticker, status: "rejected", reasons: verdict.reasons };
  }

  const size = sizeOrder({ allocation, price, fees });
  const order: OrderFacts = {
    tradeId,
    ticker: candidate.ticker,
    side: selection.side,
    action: "buy",
    purpose: "entry",
    count: size.contracts,
    limitPrice: price,
    timeInForce: "immediate_or_cancel",
    mode: deps.broker.mode,
  };
  const clientOrderId = entryOrderId(tradeId);
  if (size.contracts <= 0) {
    await store.append(
      stream,
      [failedEvent(order, clientOrderId, null, "allocation buys no whole contract")],
      {
        correlationId: input.correlationId,
        causationId: tradeId,
      },
    );
    return { tradeId, ticker: candidate.ticker, status: "failed" };
  }
  return placeAndRecord(deps, order, clientOrderId, input.correlationId);
}

/** Submits an order and records what happened; an ambiguous failure asks the exchange for the truth. */
export async function placeAndRecord(
  deps: TradingDeps,
  order: OrderFacts,
  clientOrderId: string,
  correlationId: string,
): Promise<ProposalOutcome> {
  const stream = `trade-${order.tradeId}`;
  let report = null;
  try {
    report = await deps.broker.submit({
      ticker: order.ticker,
      clientOrderId,
      side: order.side,
      action: order.action,
      count: order.count,
      limitPrice: order.limitPrice,
      timeInForce: order.timeInForce,
      reduceOnly: order.action === "sell" ? true : undefined,
    });
  } catch (error) {
    await recordError(
      deps.store,
      deps.secrets,
      "execution",
      error,
      { tradeId: order.tradeId, clientOrderId },
      correlationId,
    );
    // The order may or may not have reached the exchange: only its truth may be recorded.
    report = await deps.broker.lookup(order.ticker, clientOrderId, order.side).catch(() => null);
    if (!report) {
      const reason = error instanceof ExchangeError ? error.message : "order could not be placed";
      await deps.store.append(stream, [failedEvent(order, clientOrderId, null, reason)], {
        correlationId,
        causationId: order.tradeId,
      });
      return { tradeId: order.tradeId, ticker: order.ticker, status: "failed" };
    }
  }
  await deps.store.append(stream, executionEvents(order, report), {
    correlationId,
    causationId: order.tradeId,
  });
  const filled = filledCount(report);
  return {
    tradeId: order.tradeId,
    ticker: order.ticker,
    status: filled === 0 ? "unfilled" : filled < order.count ? "partial" : "filled",
    contracts: filled,
  };
}
