import type { AiDecisionRow } from "../../../projections/ai-decisions/projection.ts";
import type { ApiContext } from "../../context.ts";

interface PickRow {
  ticker: string;
  side: string;
  allocation: number;
  confidence: number;
  reasoning: string;
  riskFactors: string[];
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export const Decision = {
  runAt: (d: AiDecisionRow) => d.run_at,
  scanId: (d: AiDecisionRow) => d.scan_id,
  promptVersion: (d: AiDecisionRow) => d.prompt_version,
  promptHash: (d: AiDecisionRow) => d.prompt_hash,
  candidatesAnalyzed: (d: AiDecisionRow) => d.contracts_analyzed,
  picksCount: (d: AiDecisionRow) => d.contracts_selected,
  totalAllocated: (d: AiDecisionRow) => d.total_allocated,
  picks: (d: AiDecisionRow) => list<PickRow>(d.selections),
  probabilities: (d: AiDecisionRow) => list(d.probabilities),
  strategyNotes: (d: AiDecisionRow) => d.strategy_notes,
  rejectionReasons: (d: AiDecisionRow) => d.rejection_reasons,
  rawResponse: (d: AiDecisionRow) => d.ai_response,
  inputTokens: (d: AiDecisionRow) => d.input_tokens,
  outputTokens: (d: AiDecisionRow) => d.output_tokens,
  latencyMs: (d: AiDecisionRow) => d.latency_ms,
  scan: (d: AiDecisionRow, _: unknown, ctx: ApiContext) => (d.scan_id ? ctx.loaders.scan(d.scan_id) : null),
  trades: (d: AiDecisionRow, _: unknown, ctx: ApiContext) => ctx.loaders.tradesOfDecision(d.id),
};
