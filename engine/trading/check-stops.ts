import { recordError } from "../jobs/record-error.ts";
import type { Micros } from "../money/money.ts";
import { evaluateStopLoss } from "../risk/stop-loss.ts";
import { closePosition } from "./close-position.ts";
import type { TradingDeps } from "./deps.ts";
import { openPositions } from "./read-model.ts";

/**
 * stop-loss (every 2 h, and on demand): sell every open position whose own side's bid fell below
 * STOP_LOSS_THRESHOLD. A NO position is judged by the NO bid, never by the YES price.
 */
export async function checkStops(
  deps: TradingDeps,
): Promise<{ checked: number; stopped: number; noBid: number }> {
  await deps.projector.catchUp();
  const open = await openPositions(deps.db, deps.config.accountId);
  if (open.length === 0) return { checked: 0, stopped: 0, noBid: 0 };
  const books = await deps.market.getOrderBooks([...new Set(open.map((t) => t.contract_id))]);
  let stopped = 0;
  let noBid = 0;
  for (const trade of open) {
    const book = books.get(trade.contract_id);
    if (!book) continue;
    const decision = evaluateStopLoss(
      trade.side as "yes" | "no",
      book,
      deps.config.trading.stopLossThreshold,
    );
    if (decision.action === "no_bid") {
      noBid++;
      await recordError(
        deps.store,
        deps.secrets,
        "stop-loss",
        new Error(`no bid to sell ${trade.contract_id} into`),
        {
          tradeId: trade.id,
        },
      );
      continue;
    }
    if (decision.action !== "stop") continue;
    await closePosition(deps, trade.id, {
      reason: "stop_loss",
      triggerBid: decision.bid as Micros,
      source: "schedule",
    });
    stopped++;
  }
  return { checked: open.length, stopped, noBid };
}
