import { z } from "zod";
import { defineEvent } from "../define.ts";
import { isoTime, micros, probability, side, ticker } from "./common.ts";

/** The engine intends to buy. Its event id is the seed of the order's client_order_id. */
export const TradeProposed = defineEvent({
  type: "TradeProposed",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    analysisId: z.string().nullable(),
    scanId: z.string().nullable(),
    ticker,
    title: z.string(),
    category: z.string(),
    seriesTicker: z.string(),
    side,
    allocation: micros,
    /** Highest price per contract we will pay (the ask at decision time). */
    limitPrice: micros,
    closeTime: isoTime,
    confidence: probability,
    reasoning: z.string(),
    riskFactors: z.array(z.string()),
  }),
});
