import { z } from "zod";
import { defineEvent } from "../define.ts";
import { micros, side, ticker } from "./common.ts";

/** Risk refused a proposal. Every refusal is a fact with its reasons. */
export const TradeRejected = defineEvent({
  type: "TradeRejected",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    ticker,
    side,
    allocation: micros,
    reasons: z.array(z.object({ check: z.string(), detail: z.string() })).min(1),
  }),
});
