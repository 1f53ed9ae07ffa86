import { z } from "zod";
import { defineEvent } from "../define.ts";
import { side, ticker } from "./common.ts";
import { orderPurpose } from "./order-placed.ts";

/** An order that did not fill at all, or could not be placed. Terminal for its client_order_id. */
export const OrderFailed = defineEvent({
  type: "OrderFailed",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    clientOrderId: z.string(),
    orderId: z.string().nullable(),
    ticker,
    side,
    purpose: orderPurpose,
    reason: z.string(),
  }),
});
