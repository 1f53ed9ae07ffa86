/**
 * The one shape an AI answer may take. The tool's JSON schema is generated from this zod schema,
 * so what the model is asked for and what the engine accepts cannot drift apart.
 */
import { z } from "zod";

export const TOOL_NAME = "submit_selection";

export const answerSelection = z.object({
  ticker: z.string().min(1).max(200).describe("Ticker of one of the candidates, exactly as given."),
  side: z
    .enum(["yes", "no"])
    .describe("The candidate's side, exactly as given; no other side may be bought."),
  allocation: z
    .number()
    .positive()
    .describe("US dollars to commit, at most 2 decimals, within the position limits in <limits>."),
  confidence: z.number().min(0).max(1).describe("Confidence in this pick, 0 to 1."),
  reasoning: z.string().min(1).max(2000).describe("Why this contract, in a few sentences."),
  risk_factors: z.array(z.string().max(300)).max(10).describe("What could make this trade lose."),
});

export const answerProbability = z.object({
  ticker: z.string().min(1).max(200),
  side: z.enum(["yes", "no"]).describe("The candidate's side, exactly as given."),
  probability: z
    .number()
    .min(0)
    .max(1)
    .describe("Your probability, 0 to 1, that this side wins (the market settles in its favour)."),
});

/** `maxSelections` is MAX_TRADES_PER_DAY: a schema bound; what is left today is a business rule. */
export function answerSchema(maxSelections: number) {
  return z.object({
    selections: z
      .array(answerSelection)
      .max(maxSelections)
      .describe("The contracts to buy today; an empty list is a valid answer."),
    probabilities: z
      .array(answerProbability)
      .describe("One entry for EVERY candidate, picked or not: the calibration record."),
    strategy_notes: z.string().max(4000).describe("Overall reasoning for today's selection."),
  });
}

export type Answer = z.output<ReturnType<typeof answerSchema>>;
