/**
 * A report's id derives from what it reports on, so generating it twice yields the same id and
 * the event is written once (ReportGenerated). The account is part of it because several
 * accounts may share one database.
 */
export type ReportKind = "morning" | "daily" | "monthly";

export const reportIdFor = (accountId: string, kind: ReportKind, period: string): string =>
  `report:${accountId}:${kind}:${period}`;
