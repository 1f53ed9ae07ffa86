/**
 * The contract every selector (AI, rules, fallback) honours: the same input, and exactly the
 * AnalysisCompleted event data as output, so the caller can append whatever comes back unchanged.
 */
import type { z } from "zod";
import type { AnalysisCompleted, selection } from "../../events/catalog/analysis-completed.ts";
import type { scanCandidate } from "../../events/catalog/candidates-scanned.ts";
import type { Micros } from "../money/money.ts";
import type { TradeHistoryRow } from "./context/history.ts";

export type AnalysisResult = z.output<typeof AnalysisCompleted.schema>;
export type Selection = z.output<typeof selection>;
export type Candidate = z.output<typeof scanCandidate>;
export type StatedProbability = AnalysisResult["probabilities"][number];
export type Side = Candidate["side"];

/** What may still be committed today. Computed by the caller from config and today's trades. */
export interface SelectionLimits {
  readonly dailyBudget: Micros;
  /** dailyBudget minus what today's trades already committed; the hard ceiling on the total. */
  readonly remainingBudget: Micros;
  readonly minPositionSize: Micros;
  readonly maxPositionSize: Micros;
  readonly maxTradesPerDay: number;
  /** maxTradesPerDay minus trades already opened today. */
  readonly tradesRemaining: number;
}

export interface SelectorInput {
  /** The id the resulting AnalysisCompleted carries (the caller owns ids). */
  readonly analysisId: string;
  readonly scanId: string | null;
  readonly candidates: readonly Candidate[];
  /** Recent trades, newest first (see loadTradeHistory): the learning module's raw material. */
  readonly history: readonly TradeHistoryRow[];
  /** Cash available on the account. */
  readonly bankroll: Micros;
  readonly limits: SelectionLimits;
  /** What AI calls already cost today, for AI_DAILY_COST_CAP. */
  readonly aiSpentToday: Micros;
}

export interface Selector {
  select(input: SelectorInput): Promise<AnalysisResult>;
}
