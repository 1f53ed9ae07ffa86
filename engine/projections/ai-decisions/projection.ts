import { defineProjection } from "../projection.ts";

export interface AiDecisionRow extends Record<string, unknown> {
  id: string;
  account_id: string;
  run_at: string;
  scan_id: string | null;
  selector: string;
  status: string;
  model: string | null;
  prompt_version: string | null;
  prompt_hash: string | null;
  contracts_analyzed: number;
  contracts_selected: number;
  total_allocated: number;
  ai_response: string;
  context_used: unknown;
  selections: unknown;
  probabilities: unknown;
  strategy_notes: string;
  rejection_reasons: string[];
  input_tokens: number;
  output_tokens: number;
  cost: number;
  latency_ms: number;
}

/** Every selector run, even when nothing was picked: the seed's `ai_decisions`. */
export const aiDecisionsProjection = defineProjection<AiDecisionRow>({
  name: "ai_decisions",
  version: 1,
  table: "ai_decisions",
  primaryKey: ["id"],
  handles: ["AnalysisCompleted"],
  keyOf: (e) => (e.type === "AnalysisCompleted" ? [e.data.analysisId] : null),
  evolve(row, event) {
    if (event.type !== "AnalysisCompleted") return row;
    const d = event.data;
    return {
      id: d.analysisId,
      account_id: event.metadata.accountId,
      run_at: event.metadata.occurredAt,
      scan_id: d.scanId,
      selector: d.selector,
      status: d.status,
      model: d.model,
      prompt_version: d.promptVersion,
      prompt_hash: d.promptHash,
      contracts_analyzed: d.candidatesAnalyzed,
      contracts_selected: d.selections.length,
      total_allocated: d.totalAllocated,
      ai_response: d.rawResponse,
      context_used: d.context ?? null,
      selections: d.selections,
      probabilities: d.probabilities,
      strategy_notes: d.strategyNotes,
      rejection_reasons: d.rejectionReasons,
      input_tokens: d.inputTokens,
      output_tokens: d.outputTokens,
      cost: d.cost,
      latency_ms: d.latencyMs,
    };
  },
});
