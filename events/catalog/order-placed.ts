import { z } from "zod";
import { defineEvent } from "../define.ts";
import { centis, micros, side, ticker } from "./common.ts";

export const orderPurpose = z.enum(["entry", "stop_loss", "manual_close"]);
export const orderAction = z.enum(["buy", "sell"]);

export const OrderPlaced = defineEvent({
  type: "OrderPlaced",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    clientOrderId: z.string(),
    orderId: z.string(),
    ticker,
    side,
    action: orderAction,
    purpose: orderPurpose,
    count: centis,
    limitPrice: micros,
    timeInForce: z.enum(["immediate_or_cancel", "fill_or_kill", "good_till_canceled"]),
    mode: z.enum(["paper", "live"]),
  }),
});
