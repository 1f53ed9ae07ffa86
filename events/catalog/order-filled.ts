import { z } from "zod";
import { defineEvent } from "../define.ts";
import { centis, isoTime, micros, side, ticker } from "./common.ts";
import { orderAction, orderPurpose } from "./order-placed.ts";

/** One fill. Its event id derives from the exchange's fill id, so a fill is never counted twice. */
export const OrderFilled = defineEvent({
  type: "OrderFilled",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    orderId: z.string(),
    fillId: z.string(),
    ticker,
    side,
    action: orderAction,
    purpose: orderPurpose,
    count: centis,
    /** Price per contract of our side. */
    price: micros,
    fee: micros,
    isTaker: z.boolean(),
    filledAt: isoTime,
  }),
});
