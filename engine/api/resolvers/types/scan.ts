import type { ScanRow } from "../../../projections/scans/projection.ts";

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export const Scan = {
  id: (s: ScanRow) => s.scan_id,
  scannedAt: (s: ScanRow) => s.scanned_at,
  criteria: (s: ScanRow) =>
    Object.entries((s.criteria ?? {}) as Record<string, unknown>).map(([name, value]) => ({
      name,
      value: String(value),
    })),
  /** The funnel: each stage with what it removed from the one before. */
  stages: (s: ScanRow) => {
    const stages = list<{ name: string; count: number }>(s.stages);
    return stages.map((stage, i) => ({
      ...stage,
      dropped: i === 0 ? 0 : Math.max(0, (stages[i - 1]?.count ?? stage.count) - stage.count),
    }));
  },
  candidateCount: (s: ScanRow) => s.candidate_count,
  candidates: (s: ScanRow) => list(s.candidates),
};
