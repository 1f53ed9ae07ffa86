/**
 * The AI decisions recorded in a log, replayed rather than re-asked: a backtest scan at time T
 * takes the AnalysisCompleted the engine recorded for its scan at T (the first one stamped in
 * [T, T + tolerance)), with its selections, confidences, reasoning and cost unchanged. A scan the
 * log has no decision for picks nothing, and says so.
 */
import { decodeEvent } from "../../../events/codec.ts";
import { readAll } from "../../../events/store/read.ts";
import { START_OF_LOG } from "../../../events/store/types.ts";
import type { AnalysisResult, Selector, SelectorInput } from "../../analyst/types.ts";
import type { Queryable } from "../../db/database.ts";
import type { Clock } from "../../time/clock.ts";

export interface RecordedDecision {
  at: number;
  analysis: AnalysisResult;
}

/** Every AnalysisCompleted in the log, in time order. */
export async function loadRecordedDecisions(db: Queryable, accountId?: string): Promise<RecordedDecision[]> {
  const out: RecordedDecision[] = [];
  let after = START_OF_LOG;
  for (;;) {
    const page = await readAll(db, { after, limit: 1000, types: ["AnalysisCompleted"] });
    const last = page.at(-1);
    if (!last) break;
    after = last.position;
    for (const stored of page) {
      const event = decodeEvent(stored);
      if (event.type !== "AnalysisCompleted") continue;
      if (accountId && event.metadata.accountId !== accountId) continue;
      out.push({ at: Date.parse(event.metadata.occurredAt), analysis: event.data });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A decision may be stamped a little after its scan time (the recorded run's own latency). */
const DEFAULT_TOLERANCE_MS = 15 * 60_000;

export class RecordedSelector implements Selector {
  readonly #used = new Set<RecordedDecision>();

  constructor(
    readonly decisions: readonly RecordedDecision[],
    readonly clock: Clock,
    readonly toleranceMs = DEFAULT_TOLERANCE_MS,
  ) {}

  async select(input: SelectorInput): Promise<AnalysisResult> {
    const now = this.clock.now();
    const match = this.decisions.find(
      (d) => d.at >= now && d.at < now + this.toleranceMs && !this.#used.has(d),
    );
    if (!match) {
      return {
        analysisId: input.analysisId,
        scanId: input.scanId,
        selector: "recorded",
        status: "accepted",
        model: null,
        promptVersion: null,
        promptHash: null,
        context: { asOf: new Date(now).toISOString() },
        rawResponse: "",
        selections: [],
        probabilities: [],
        strategyNotes: `No decision was recorded for a scan at ${new Date(now).toISOString()}; nothing picked.`,
        candidatesAnalyzed: input.candidates.length,
        totalAllocated: 0,
        rejectionReasons: [],
        inputTokens: 0,
        outputTokens: 0,
        cost: 0,
        latencyMs: 0,
      };
    }
    this.#used.add(match);
    return { ...match.analysis, analysisId: input.analysisId, scanId: input.scanId, selector: "recorded" };
  }
}
