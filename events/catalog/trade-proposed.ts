import { z } from "zod";
import { defineEvent } from "../define.ts";
import { isoTime, micros, probability, side, ticker } from "./common.ts";
import { checksNotRecorded, riskChecks } from "./risk-checks.ts";

/**
 * The engine intends to buy. Its event id is the seed of the order's client_order_id.
 *
 * v2 (risk decides before the proposal is recorded): `riskChecks` holds every check risk ran when
 * it approved the proposal; null when risk refused it (the checks are on its TradeRejected,
 * appended with it) or for a v1 event (not recorded then).
 */
export const TradeProposed = defineEvent({
  type: "TradeProposed",
  version: 2,
  upcasters: { 1: checksNotRecorded("riskChecks") },
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
    riskChecks,
  }),
});
