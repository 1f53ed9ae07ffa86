/**
 * The analyst: picks the day's trades from the scan's candidates, by AI (Anthropic Messages API,
 * forced tool output, validated and repaired once) or by rules, and returns AnalysisCompleted data.
 */
export { AiCallFailed, type AttemptRecord } from "./ai/attempt.ts";
export { ANTHROPIC_DEFAULT_BASE_URL, createAnthropicClient } from "./ai/client.ts";
export { type AiErrorKind, describeAiError } from "./ai/errors.ts";
export { AiSelector, type AiSelectorOptions } from "./ai/selector.ts";
export { type AnalystOptions, analyze, createSelector } from "./analyze.ts";
export {
  type BrierGroup,
  brierByModel,
  brierScore,
  type CalibrationPoint,
  calibrationPoints,
  type ReliabilityBucket,
  reliabilityBuckets,
} from "./calibration.ts";
export { type CheckAiResult, checkAi, formatCheckAi } from "./check-ai.ts";
export { type AnalystContext, buildContext } from "./context/build.ts";
export { loadAiSpent, loadTradeHistory, type TradeHistoryRow } from "./context/history.ts";
export { costOf, PRICE_TABLE, priceOf } from "./cost.ts";
export { FallbackSelector } from "./fallback.ts";
export { guardResult, InvalidAnalysisResult } from "./guard.ts";
export { selectionLimits } from "./limits.ts";
export { promptHash } from "./prompt/hash.ts";
export { buildRequest } from "./prompt/request.ts";
export { PROMPT_VERSION } from "./prompt/version.ts";
export { RULES_VERSION, RulesSelector } from "./rules/selector.ts";
export { loadWinRateTable, type WinRateTable } from "./rules/win-rate.ts";
export type {
  AnalysisResult,
  Candidate,
  Selection,
  SelectionLimits,
  Selector,
  SelectorInput,
} from "./types.ts";
export { validateAnswer } from "./validate.ts";
