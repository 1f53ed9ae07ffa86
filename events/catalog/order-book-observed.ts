import { z } from "zod";
import { defineEvent } from "../define.ts";
import { bookLevels } from "./books-observed.ts";
import { isoTime, ticker } from "./common.ts";

/**
 * The order book a paper order walked, as the broker read it right before filling: the one side
 * of Kalshi's bids-only book the walk consumed (a YES buy takes the NO bids, a YES sell hits the
 * YES bids), every level as the exchange listed it, in exact integers. Appended in the trade's
 * stream just before the order's events, so a backtest on the log alone walks the same book
 * (engine/backtest/sources/market-view.ts) and fills to the cent what the engine filled.
 */
export const OrderBookObserved = defineEvent({
  type: "OrderBookObserved",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    clientOrderId: z.string(),
    ticker,
    /** Which bids the levels are: Kalshi's YES bids or NO bids. */
    bids: z.enum(["yes", "no"]),
    levels: bookLevels,
    /** When the broker read the book (the injected clock). */
    observedAt: isoTime,
  }),
});
