/**
 * From the model's tool input to selections the engine may act on: the zod schema first (shape,
 * types, ranges), then the business rules. Either failure is an invalid answer; nothing partial
 * is ever accepted.
 */
import type { z } from "zod";
import type { Micros } from "../money/money.ts";
import { allocationToMicros } from "./money-text.ts";
import { answerSchema } from "./prompt/answer.ts";
import { probabilityViolations, selectionViolations } from "./rules-check.ts";
import type { Candidate, Selection, SelectionLimits, StatedProbability } from "./types.ts";

export interface ValidAnswer {
  selections: Selection[];
  probabilities: StatedProbability[];
  strategyNotes: string;
}

export type Validation =
  | { ok: true; answer: ValidAnswer }
  | {
      ok: false;
      errors: string[];
      /** The stated probabilities when they alone are sound: worth keeping for calibration. */
      probabilities: StatedProbability[] | null;
      strategyNotes: string;
    };

export function zodErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "answer"}: ${i.message}`);
}

export function validateAnswer(
  raw: unknown,
  candidates: readonly Candidate[],
  limits: SelectionLimits,
): Validation {
  const parsed = answerSchema(limits.maxTradesPerDay).safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: zodErrors(parsed.error), probabilities: null, strategyNotes: "" };
  }
  const answer = parsed.data;
  const errors: string[] = [];
  const selections: Selection[] = [];
  answer.selections.forEach((s, i) => {
    const allocation = allocationToMicros(s.allocation);
    if (!allocation.ok) {
      errors.push(`selection ${i + 1} (${s.ticker}): allocation ${allocation.error}`);
      return;
    }
    selections.push({
      ticker: s.ticker,
      side: s.side,
      allocation: allocation.micros,
      confidence: s.confidence,
      reasoning: s.reasoning,
      riskFactors: s.risk_factors,
    });
  });
  errors.push(
    ...selectionViolations(
      selections.map((s) => ({ ...s, allocation: s.allocation as Micros })),
      candidates,
      limits,
    ),
  );
  // Candidate order, so the stored probabilities do not depend on how the model ordered them.
  const order = new Map(candidates.map((c, i) => [c.ticker, i]));
  const probabilities = [...answer.probabilities].sort(
    (a, b) => (order.get(a.ticker) ?? 0) - (order.get(b.ticker) ?? 0),
  );
  const probabilityErrors = probabilityViolations(probabilities, candidates);
  errors.push(...probabilityErrors);
  if (errors.length > 0) {
    return {
      ok: false,
      errors,
      probabilities: probabilityErrors.length === 0 ? probabilities : null,
      strategyNotes: answer.strategy_notes,
    };
  }
  return { ok: true, answer: { selections, probabilities, strategyNotes: answer.strategy_notes } };
}
