import type { AnalysisResult } from "../../../analyst/types.ts";
import type { AiDecisionRow } from "../../../projections/ai-decisions/projection.ts";
import type { ScanRow } from "../../../projections/scans/projection.ts";
import type { CandidatesScannedData } from "../../../strategy/scanner/scan.ts";
import type { ApiContext } from "../../context.ts";
import { conflict } from "../../errors.ts";

/** A scan result shaped like its `scans` row, so the Scan type resolves both alike. */
export function scanRowOf(
  scanId: string,
  event: CandidatesScannedData,
  accountId: string,
  at: string,
): ScanRow {
  return {
    scan_id: scanId,
    account_id: accountId,
    scanned_at: at,
    criteria: event.criteria,
    stages: event.stages,
    candidates: event.candidates,
    candidate_count: event.candidates.length,
  };
}

/** A selector run shaped like its `ai_decisions` row (a dry run's is never recorded). */
export function decisionRowOf(a: AnalysisResult, accountId: string, at: string): AiDecisionRow {
  return {
    id: a.analysisId,
    account_id: accountId,
    run_at: at,
    scan_id: a.scanId,
    selector: a.selector,
    status: a.status,
    model: a.model,
    prompt_version: a.promptVersion,
    prompt_hash: a.promptHash,
    contracts_analyzed: a.candidatesAnalyzed,
    contracts_selected: a.selections.length,
    total_allocated: a.totalAllocated,
    ai_response: a.rawResponse,
    context_used: a.context ?? null,
    selections: a.selections,
    probabilities: a.probabilities,
    strategy_notes: a.strategyNotes,
    rejection_reasons: a.rejectionReasons,
    input_tokens: a.inputTokens,
    output_tokens: a.outputTokens,
    cost: a.cost,
    latency_ms: a.latencyMs,
  };
}

export async function runScan(_: unknown, args: { dryRun: boolean }, ctx: ApiContext) {
  if (ctx.scanInFlight.running) throw conflict("A scan is already running; wait for it to finish.");
  ctx.scanInFlight.running = true;
  try {
    const run = await ctx.control.runScan(args.dryRun);
    const at = new Date(ctx.clock.now()).toISOString();
    return {
      scanId: run.scanId,
      dryRun: args.dryRun,
      scan: scanRowOf(run.scanId, run.scan.event, ctx.accountId, at),
      decision: decisionRowOf(run.analysis, ctx.accountId, at),
      outcomes: run.outcomes,
    };
  } finally {
    ctx.scanInFlight.running = false;
  }
}
