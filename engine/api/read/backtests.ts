import type { Queryable } from "../../db/database.ts";
import type { BacktestRow } from "../../projections/backtests/projection.ts";
import type { CursorKey } from "../pagination.ts";
import { jsonRows, type KeyedRow, type KeysetQuery, keysetCount, keysetPage } from "./keyset.ts";

const query = (accountId: string): KeysetQuery => ({
  from: "backtests t",
  where: ["t.account_id = $1"],
  params: [accountId],
  order: { key: "t.completed_at", cast: "timestamptz", id: "t.id", direction: "DESC" },
});

export const BACKTESTS_SORT = "backtests:COMPLETED_AT_DESC";

/** A page of backtests, report included (one row each: the Backtest fields all read from it). */
export const listBacktests = (
  db: Queryable,
  accountId: string,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<BacktestRow>[]> => keysetPage(db, query(accountId), after, limit + 1);

export const countBacktests = (db: Queryable, accountId: string) => keysetCount(db, query(accountId));

export async function backtestById(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<BacktestRow | null> {
  const [row] = await jsonRows<BacktestRow>(
    db,
    "SELECT to_jsonb(t) AS r FROM backtests t WHERE t.account_id = $1 AND t.id = $2",
    [accountId, id],
  );
  return row ?? null;
}
