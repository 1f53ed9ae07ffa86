import type { Queryable } from "../../db/database.ts";
import type { DailyReportRow } from "../../projections/daily-reports/projection.ts";
import type { MonthlyAnalysisRow } from "../../projections/monthly-analysis/projection.ts";
import type { CursorKey } from "../pagination.ts";
import { type KeyedRow, type KeysetQuery, keysetCount, keysetPage } from "./keyset.ts";

const monthly = (accountId: string): KeysetQuery => ({
  from: "monthly_analysis t",
  where: ["t.account_id = $1"],
  params: [accountId],
  order: { key: "t.month_year", cast: "date", id: "t.report_id", direction: "DESC" },
});

export const MONTHLY_SORT = "monthly:MONTH_DESC";

export const listMonthly = (
  db: Queryable,
  accountId: string,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<MonthlyAnalysisRow>[]> => keysetPage(db, monthly(accountId), after, limit + 1);

export const countMonthly = (db: Queryable, accountId: string) => keysetCount(db, monthly(accountId));

function daily(accountId: string, kind: string | null): KeysetQuery {
  const where = ["t.account_id = $1"];
  const params: unknown[] = [accountId];
  if (kind) {
    params.push(kind);
    where.push("t.kind = $2");
  }
  return {
    from: "daily_reports t",
    where,
    params,
    order: { key: "t.report_date", cast: "date", id: "t.report_id", direction: "DESC" },
  };
}

export const dailySort = (kind: string | null) => `daily:${kind ?? "all"}:DATE_DESC`;

export const listDaily = (
  db: Queryable,
  accountId: string,
  kind: string | null,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<DailyReportRow>[]> => keysetPage(db, daily(accountId, kind), after, limit + 1);

export const countDaily = (db: Queryable, accountId: string, kind: string | null) =>
  keysetCount(db, daily(accountId, kind));
