import { z } from "zod";
import { defineEvent } from "../define.ts";
import { micros, side, ticker } from "./common.ts";
import { checksNotRecorded, riskChecks } from "./risk-checks.ts";

/**
 * Risk refused a proposal. Every refusal is a fact with its reasons (the failed checks).
 *
 * v2: `checks` holds every check risk ran, passed and failed, with observed values and limits;
 * null for a v1 event (not recorded then).
 */
export const TradeRejected = defineEvent({
  type: "TradeRejected",
  version: 2,
  upcasters: { 1: checksNotRecorded("checks") },
  schema: z.object({
    tradeId: z.string(),
    ticker,
    side,
    allocation: micros,
    reasons: z.array(z.object({ check: z.string(), detail: z.string() })).min(1),
    checks: riskChecks,
  }),
});
