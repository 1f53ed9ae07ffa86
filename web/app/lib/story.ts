/**
 * A trade's story as a timeline: steps in the order they happened, split into why the trade was
 * made and what became of it. The API already orders the story by log position; sorting again
 * here is cheap and keeps the timeline right whatever order the steps arrive in.
 */
import type { StoryStep, StoryStepKind } from "./types";

/** Steps up to the risk decision explain the purchase; the rest is what happened after. */
const DECIDING: ReadonlySet<StoryStepKind> = new Set([
  "MARKET_OBSERVED",
  "SCAN",
  "ANALYSIS",
  "PROPOSED",
  "RISK_PASSED",
  "RISK_REJECTED",
]);

export const STEP_LABEL: Record<StoryStepKind, string> = {
  MARKET_OBSERVED: "Market observed",
  SCAN: "Scan",
  ANALYSIS: "AI analysis",
  PROPOSED: "Trade proposed",
  RISK_PASSED: "Risk checks passed",
  RISK_REJECTED: "Risk checks rejected",
  ORDER_PLACED: "Order placed",
  ORDER_FILLED: "Order filled",
  ORDER_FAILED: "Order failed",
  STOP_TRIGGERED: "Stop-loss triggered",
  POSITION_CLOSED: "Position closed",
  RESOLVED: "Market resolved",
};

/** "good" / "bad" / "neutral": the dot colour on the timeline. */
export function stepTone(kind: StoryStepKind): "good" | "bad" | "neutral" {
  switch (kind) {
    case "RISK_PASSED":
    case "ORDER_FILLED":
      return "good";
    case "RISK_REJECTED":
    case "ORDER_FAILED":
    case "STOP_TRIGGERED":
      return "bad";
    default:
      return "neutral";
  }
}

/**
 * Compares log positions "txid:position" numerically: transaction ids outgrow 2^53 and string
 * order would put "10:1" before "9:1".
 */
export function compareLogPosition(a: string, b: string): number {
  const [ta = "0", pa = "0"] = a.split(":");
  const [tb = "0", pb = "0"] = b.split(":");
  const tx = toBig(ta) - toBig(tb);
  if (tx !== 0n) return tx < 0n ? -1 : 1;
  const pos = toBig(pa) - toBig(pb);
  return pos === 0n ? 0 : pos < 0n ? -1 : 1;
}

type Orderable = Pick<StoryStep, "kind" | "at"> & { event: { position: string } | null };

/**
 * Time, then log position, then the API's own order: a total order, so the sort is deterministic.
 * A derived step (RISK_PASSED has no event) takes the log position of the step before it in the
 * API's order, which is the event it was derived from, so it never drifts away from it. Lifecycle
 * kind is deliberately not a tie-breaker: a stop-loss's sell order comes after the stop.
 */
export function orderStory<T extends Orderable>(steps: readonly T[]): T[] {
  let inherited = "0:0";
  return steps
    .map((step, index) => {
      if (step.event) inherited = step.event.position;
      const time = Date.parse(step.at);
      return { step, index, time: Number.isNaN(time) ? 0 : time, position: inherited };
    })
    .sort((a, b) => a.time - b.time || compareLogPosition(a.position, b.position) || a.index - b.index)
    .map(({ step }) => step);
}

/** The ordered story split at the risk decision. */
export function splitStory<T extends Orderable>(steps: readonly T[]): { why: T[]; after: T[] } {
  const ordered = orderStory(steps);
  return {
    why: ordered.filter((s) => DECIDING.has(s.kind)),
    after: ordered.filter((s) => !DECIDING.has(s.kind)),
  };
}

function toBig(digits: string): bigint {
  return /^\d+$/.test(digits) ? BigInt(digits) : 0n;
}
