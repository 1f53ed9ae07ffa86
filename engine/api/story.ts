import { type DomainEvent, decodeEvent } from "../../events/codec.ts";
import type { StoredEvent } from "../../events/store/types.ts";
import { RISK_CHECKS } from "../risk/decide.ts";
import { cents, percent, signedUsd, usd } from "../risk/format.ts";
import { formatContracts } from "./money.ts";

/**
 * A trade's story: the events that made it, each with a one-line account of what happened. Pure,
 * so the narration is tested without a database (the events come from read/story-events.ts).
 */
export type StoryStepKind =
  | "MARKET_OBSERVED"
  | "SCAN"
  | "ANALYSIS"
  | "PROPOSED"
  | "RISK_PASSED"
  | "RISK_REJECTED"
  | "ORDER_PLACED"
  | "ORDER_FILLED"
  | "ORDER_FAILED"
  | "STOP_TRIGGERED"
  | "POSITION_CLOSED"
  | "RESOLVED";

export interface RiskCheckResult {
  check: string;
  passed: boolean;
  detail: string | null;
}

export interface StoryStep {
  kind: StoryStepKind;
  at: string;
  summary: string;
  /** null for a derived step (RISK_PASSED is the absence of a rejection, not an event). */
  event: StoredEvent | null;
  checks: RiskCheckResult[] | null;
}

/** Re-exported for the story tests: the checks engine/risk/decide.ts runs. */
export { RISK_CHECKS };

const side = (s: string) => s.toUpperCase();

function narrate(e: DomainEvent): { kind: StoryStepKind; summary: string } | null {
  switch (e.type) {
    case "MarketObserved": {
      const d = e.data;
      const quote = (bid: number | null, ask: number | null) =>
        `${bid === null ? "–" : cents(bid)} / ${ask === null ? "–" : cents(ask)}`;
      return {
        kind: "MARKET_OBSERVED",
        summary: `${d.ticker} ${d.status}: YES ${quote(d.yesBid, d.yesAsk)}, NO ${quote(d.noBid, d.noAsk)}`,
      };
    }
    case "CandidatesScanned": {
      const funnel = e.data.stages.map((s) => `${s.name} ${s.count}`).join(" → ");
      return {
        kind: "SCAN",
        summary: `Scan found ${e.data.candidates.length} candidate${e.data.candidates.length === 1 ? "" : "s"} (${funnel})`,
      };
    }
    case "AnalysisCompleted": {
      const d = e.data;
      const who = d.model ? `${d.selector} selector (${d.model})` : `${d.selector} selector`;
      return {
        kind: "ANALYSIS",
        summary:
          `${who} picked ${d.selections.length} of ${d.candidatesAnalyzed} candidates` +
          ` (${d.status}; ${d.inputTokens + d.outputTokens} tokens, ${usd(d.cost)})`,
      };
    }
    case "TradeProposed": {
      const d = e.data;
      return {
        kind: "PROPOSED",
        summary:
          `Proposed ${side(d.side)} on ${d.ticker}: ${usd(d.allocation)} at up to ${cents(d.limitPrice)},` +
          ` confidence ${percent(d.confidence)}`,
      };
    }
    case "TradeRejected":
      return {
        kind: "RISK_REJECTED",
        summary: `Risk rejected it: ${e.data.reasons.map((r) => `${r.check} (${r.detail})`).join("; ")}`,
      };
    case "OrderPlaced": {
      const d = e.data;
      return {
        kind: "ORDER_PLACED",
        summary:
          `${d.action === "buy" ? "Buy" : "Sell"} order (${d.purpose.replace("_", " ")}) for ` +
          `${formatContracts(d.count)} ${side(d.side)} at ${d.action === "buy" ? "≤" : "≥"} ${cents(d.limitPrice)}` +
          ` (${d.timeInForce.replaceAll("_", " ")}, ${d.mode})`,
      };
    }
    case "OrderFilled": {
      const d = e.data;
      return {
        kind: "ORDER_FILLED",
        summary: `${d.action === "buy" ? "Bought" : "Sold"} ${formatContracts(d.count)} at ${cents(d.price)}, fee ${usd(d.fee)}`,
      };
    }
    case "OrderFailed":
      return { kind: "ORDER_FAILED", summary: `Order failed: ${e.data.reason}` };
    case "StopTriggered":
      return {
        kind: "STOP_TRIGGERED",
        summary: `Stop-loss: ${side(e.data.side)} bid ${cents(e.data.triggerPrice)} at or below ${cents(e.data.threshold)} (${e.data.source})`,
      };
    case "PositionClosed": {
      const d = e.data;
      return {
        kind: "POSITION_CLOSED",
        summary:
          `${d.reason === "stop_loss" ? "Stopped out" : "Closed by hand"}: sold ${formatContracts(d.contracts)} at ` +
          `${cents(d.exitPrice)}, P&L ${signedUsd(d.realizedPnl)} after fees`,
      };
    }
    case "Resolved": {
      const d = e.data;
      return {
        kind: "RESOLVED",
        summary: `Market settled ${d.marketResult.toUpperCase()}: ${d.outcome}, P&L ${signedUsd(d.realizedPnl)} after fees`,
      };
    }
    default:
      // Reports, errors and state changes that share a correlation id are not part of the story.
      return null;
  }
}

const allPassed = (): RiskCheckResult[] =>
  RISK_CHECKS.map((check) => ({ check, passed: true, detail: null }));

function rejectedChecks(reasons: readonly { check: string; detail: string }[]): RiskCheckResult[] {
  const failed = new Map<string, string[]>();
  for (const r of reasons) failed.set(r.check, [...(failed.get(r.check) ?? []), r.detail]);
  const known: RiskCheckResult[] = RISK_CHECKS.map((check) => {
    const details = failed.get(check);
    return { check, passed: !details, detail: details ? details.join("; ") : null };
  });
  // A check this API does not know yet still shows, failed.
  const extra = [...failed.entries()]
    .filter(([check]) => !(RISK_CHECKS as readonly string[]).includes(check))
    .map(([check, details]) => ({ check, passed: false, detail: details.join("; ") }));
  return [...known, ...extra];
}

/** Checks as risk recorded them (TradeProposed / TradeRejected v2); the detail states the values. */
function recordedChecks(
  checks: readonly { check: string; passed: boolean; detail: string }[],
): RiskCheckResult[] {
  return checks.map((c) => ({ check: c.check, passed: c.passed, detail: c.detail }));
}

/** The story of `tradeId` from its events (in log order). */
export function buildStory(events: readonly StoredEvent[], tradeId: string): StoryStep[] {
  const steps: StoryStep[] = [];
  let proposed = false;
  let riskDecided = false;
  /** Risk's recorded checks from the approving TradeProposed (null: not recorded, v1). */
  let approvedWith: RiskCheckResult[] | null = null;
  for (const stored of events) {
    let event: DomainEvent;
    try {
      event = decodeEvent(stored);
    } catch {
      continue; // an event this build cannot read is shown in the event browser, not narrated
    }
    const data = event.data as { tradeId?: unknown };
    if (typeof data.tradeId === "string" && data.tradeId !== tradeId) continue;
    const told = narrate(event);
    if (!told) continue;
    const at = event.metadata.occurredAt;
    // Risk passing is recorded on the proposal (v2) but shown as its own step: the first order
    // (or sizing failure) after the proposal, without a rejection, is where it took effect. For a
    // v1 proposal the checks were not recorded, and the step falls back to "every check passed".
    if (
      proposed &&
      !riskDecided &&
      (told.kind === "ORDER_PLACED" || told.kind === "ORDER_FAILED" || told.kind === "ORDER_FILLED")
    ) {
      riskDecided = true;
      steps.push({
        kind: "RISK_PASSED",
        at,
        summary: "Every risk check passed",
        event: null,
        checks: approvedWith ?? allPassed(),
      });
    }
    if (told.kind === "PROPOSED") proposed = true;
    if (event.type === "TradeProposed" && event.data.riskChecks)
      approvedWith = recordedChecks(event.data.riskChecks);
    if (told.kind === "RISK_REJECTED") riskDecided = true;
    steps.push({
      ...told,
      at,
      event: stored,
      checks:
        event.type === "TradeRejected"
          ? event.data.checks
            ? recordedChecks(event.data.checks)
            : rejectedChecks(event.data.reasons)
          : null,
    });
  }
  return steps;
}
