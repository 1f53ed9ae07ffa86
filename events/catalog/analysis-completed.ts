import { z } from "zod";
import { defineEvent } from "../define.ts";
import { micros, probability, side, ticker } from "./common.ts";

export const selection = z.object({
  ticker,
  side,
  allocation: micros,
  confidence: probability,
  reasoning: z.string(),
  riskFactors: z.array(z.string()),
});

/** One run of the selector (AI or rules): the seed's ai_decisions, with everything needed to audit it. */
export const AnalysisCompleted = defineEvent({
  type: "AnalysisCompleted",
  version: 1,
  schema: z.object({
    analysisId: z.string(),
    scanId: z.string().nullable(),
    selector: z.enum(["ai", "rules", "recorded"]),
    status: z.enum(["accepted", "repaired", "rejected", "fallback"]),
    model: z.string().nullable(),
    promptVersion: z.string().nullable(),
    promptHash: z.string().nullable(),
    context: z.unknown(),
    rawResponse: z.string(),
    selections: z.array(selection),
    /** A stated probability for every candidate, picked or not: the calibration ledger. */
    probabilities: z.array(z.object({ ticker, side, probability })),
    strategyNotes: z.string(),
    candidatesAnalyzed: z.number().int().nonnegative(),
    totalAllocated: micros,
    rejectionReasons: z.array(z.string()),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    cost: micros,
    latencyMs: z.number().int().nonnegative(),
  }),
});
