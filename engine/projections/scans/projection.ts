import { defineProjection } from "../projection.ts";

export interface ScanRow extends Record<string, unknown> {
  scan_id: string;
  account_id: string;
  scanned_at: string;
  criteria: unknown;
  stages: unknown;
  candidates: unknown;
  candidate_count: number;
}

/** Each scan's qualifying-contracts funnel and its candidates. */
export const scansProjection = defineProjection<ScanRow>({
  name: "scans",
  version: 1,
  table: "scans",
  primaryKey: ["scan_id"],
  handles: ["CandidatesScanned"],
  keyOf: (e) => (e.type === "CandidatesScanned" ? [e.data.scanId] : null),
  evolve(row, event) {
    if (event.type !== "CandidatesScanned") return row;
    return {
      scan_id: event.data.scanId,
      account_id: event.metadata.accountId,
      scanned_at: event.metadata.occurredAt,
      criteria: event.data.criteria,
      stages: event.data.stages,
      candidates: event.data.candidates,
      candidate_count: event.data.candidates.length,
    };
  },
});
