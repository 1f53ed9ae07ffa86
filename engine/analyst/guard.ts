/**
 * The last check before a result leaves the analyst, whichever selector made it: the event schema,
 * and the business rules once more. A result that breaks them (which would be a bug upstream) is
 * turned into a rejection, so nothing over the limits can ever be executed. Data that is not a valid
 * event at all throws InvalidAnalysisResult: there is nothing sound left to record.
 */
import { AnalysisCompleted } from "../../events/catalog/analysis-completed.ts";
import { micros } from "../money/money.ts";
import { selectionViolations } from "./rules-check.ts";
import type { AnalysisResult, SelectorInput } from "./types.ts";
import { zodErrors } from "./validate.ts";

/** The result is not valid AnalysisCompleted data at all: a bug in a selector, not a bad answer. */
export class InvalidAnalysisResult extends Error {
  override readonly name = "InvalidAnalysisResult";
  constructor(readonly issues: readonly string[]) {
    super(`invalid analysis result: ${issues.join("; ")}`);
  }
}

export function guardResult(result: AnalysisResult, input: SelectorInput): AnalysisResult {
  const parsed = AnalysisCompleted.schema.safeParse(result);
  if (!parsed.success) throw new InvalidAnalysisResult(zodErrors(parsed.error));
  const data = parsed.data;
  const violations = selectionViolations(
    data.selections.map((s) => ({ ticker: s.ticker, side: s.side, allocation: micros(s.allocation) })),
    input.candidates,
    input.limits,
  );
  const total = data.selections.reduce((a, s) => a + s.allocation, 0);
  if (total !== data.totalAllocated) {
    violations.push(`totalAllocated ${data.totalAllocated} is not the sum of the selections (${total})`);
  }
  if (violations.length === 0) return data;
  return {
    ...data,
    status: "rejected",
    selections: [],
    totalAllocated: 0,
    rejectionReasons: [...data.rejectionReasons, ...violations.map((v) => `engine guard: ${v}`)],
  };
}
