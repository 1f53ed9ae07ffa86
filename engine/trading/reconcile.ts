import { recordError } from "../jobs/record-error.ts";
import type { Micros } from "../money/money.ts";
import type { TradingDeps } from "./deps.ts";
import { entryOrderId } from "./order-ids.ts";
import { unfinishedTrades } from "./read-model.ts";
import { executionEvents, failedEvent, type OrderFacts } from "./record-execution.ts";

/**
 * Run on every start, before any job: a trade proposed without a terminal order event is looked up
 * on the exchange by its client_order_id and completed from the truth there. If the exchange never
 * saw it, it is recorded as failed: never placed again later, at a price nobody decided on.
 * Exchange positions the log does not know are reported as ErrorRecorded.
 */
export async function reconcile(
  deps: TradingDeps,
): Promise<{ completed: number; failed: number; unknownPositions: number }> {
  await deps.projector.catchUp();
  let completed = 0;
  let failed = 0;
  const trades = await unfinishedTrades(deps.db, deps.config.accountId);
  for (const trade of trades.filter((t) => t.status === "proposed" || t.status === "pending")) {
    const clientOrderId = entryOrderId(trade.id);
    const order: OrderFacts = {
      tradeId: trade.id,
      ticker: trade.contract_id,
      side: trade.side as "yes" | "no",
      action: "buy",
      purpose: "entry",
      count: 0 as never,
      limitPrice: trade.limit_price as Micros,
      timeInForce: "immediate_or_cancel",
      mode: deps.broker.mode,
    };
    const report = await deps.broker.lookup(trade.contract_id, clientOrderId, trade.side as "yes" | "no");
    const stream = `trade-${trade.id}`;
    if (report) {
      const count = report.fills.reduce((n, f) => n + f.count, 0);
      await deps.store.append(stream, executionEvents({ ...order, count: count as never }, report), {
        correlationId: trade.correlation_id,
        causationId: trade.id,
        actor: "system",
      });
      completed++;
    } else {
      await deps.store.append(
        stream,
        [failedEvent(order, clientOrderId, null, "interrupted before the order reached the exchange")],
        {
          correlationId: trade.correlation_id,
          causationId: trade.id,
          actor: "system",
        },
      );
      failed++;
    }
  }
  let unknownPositions = 0;
  if (deps.broker.mode === "live") {
    await deps.projector.catchUp();
    const known = new Set((await unfinishedTrades(deps.db, deps.config.accountId)).map((t) => t.contract_id));
    for (const p of await deps.market.getPositions()) {
      if (p.position !== 0 && !known.has(p.ticker)) {
        unknownPositions++;
        await recordError(
          deps.store,
          deps.secrets,
          "reconcile",
          new Error(`exchange holds a position in ${p.ticker} that the log does not know`),
          {
            ticker: p.ticker,
            position: p.position,
          },
        );
      }
    }
  }
  if (completed || failed) await deps.projector.catchUp();
  return { completed, failed, unknownPositions };
}
