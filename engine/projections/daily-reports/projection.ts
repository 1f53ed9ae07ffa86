import { defineProjection } from "../projection.ts";

export interface DailyReportRow extends Record<string, unknown> {
  account_id: string;
  report_date: string;
  kind: string;
  report_id: string;
  generated_at: string;
  summary: string;
  body: unknown;
}

/** Morning and daily reports: the seed's `daily_reports`. */
export const dailyReportsProjection = defineProjection<DailyReportRow>({
  name: "daily_reports",
  version: 1,
  table: "daily_reports",
  primaryKey: ["account_id", "report_date", "kind"],
  handles: ["ReportGenerated"],
  keyOf: (e) =>
    e.type === "ReportGenerated" && e.data.kind !== "monthly"
      ? [e.metadata.accountId, e.data.period, e.data.kind]
      : null,
  evolve(row, event) {
    if (event.type !== "ReportGenerated" || event.data.kind === "monthly") return row;
    return {
      account_id: event.metadata.accountId,
      report_date: event.data.period,
      kind: event.data.kind,
      report_id: event.data.reportId,
      generated_at: event.metadata.occurredAt,
      summary: event.data.summary,
      body: event.data.body,
    };
  },
});
