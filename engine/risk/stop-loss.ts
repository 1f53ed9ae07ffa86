/**
 * Stop-loss: sell a held position when OUR side's bid falls below STOP_LOSS_THRESHOLD.
 *
 * A YES position is judged by the YES bid, a NO position by the NO bid (= 1 − YES ask): the
 * price we could sell at. Other Kalshi bots compared every position with the YES price, so a NO
 * bought at 0.92 (YES at 0.08) looked like a collapse to 8¢ and every NO position was sold at
 * once. Judging by the bid (not the ask or the last trade) also means the trigger reflects what a
 * sale would really fetch.
 *
 * "Below" is strict, as in the seed ("sell if odds drop below 80%"). No bid at all means nothing
 * to judge by and nothing to sell into: reported as "no_bid" so the job can alert, not fired.
 */
import type { z } from "zod";
import type { StopTriggered } from "../../events/catalog/stop-triggered.ts";
import type { Side } from "../exchange/types.ts";
import type { Micros } from "../money/money.ts";
import { bidFor, type PriceSource } from "./quote.ts";

export interface HeldPosition {
  tradeId: string;
  ticker: string;
  side: Side;
}

export type StopDecision =
  | { action: "hold"; bid: Micros; threshold: Micros }
  | { action: "stop"; bid: Micros; threshold: Micros }
  | { action: "no_bid"; threshold: Micros };

export function evaluateStopLoss(side: Side, source: PriceSource, threshold: Micros): StopDecision {
  const bid = bidFor(source, side);
  if (bid === null) return { action: "no_bid", threshold };
  return bid < threshold ? { action: "stop", bid, threshold } : { action: "hold", bid, threshold };
}

export type StopTriggeredData = z.output<typeof StopTriggered.schema>;

/** The StopTriggered event data for a decision to stop. */
export function stopTriggeredData(
  position: HeldPosition,
  decision: Extract<StopDecision, { action: "stop" }>,
  source: StopTriggeredData["source"],
): StopTriggeredData {
  return {
    tradeId: position.tradeId,
    ticker: position.ticker,
    side: position.side,
    triggerPrice: decision.bid,
    threshold: decision.threshold,
    source,
  };
}
