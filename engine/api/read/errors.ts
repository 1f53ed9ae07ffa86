import type { Queryable } from "../../db/database.ts";
import type { ErrorLogRow } from "../../projections/error-logs/projection.ts";
import type { CursorKey } from "../pagination.ts";
import { type KeyedRow, type KeysetQuery, keysetCount, keysetPage } from "./keyset.ts";

function query(accountId: string, source: string | null): KeysetQuery {
  const where = ["t.account_id = $1"];
  const params: unknown[] = [accountId];
  if (source) {
    params.push(source);
    where.push("t.endpoint = $2");
  }
  return {
    from: "error_logs t",
    where,
    params,
    order: { key: 't."timestamp"', cast: "timestamptz", id: "t.id", direction: "DESC" },
  };
}

export const errorsSort = (source: string | null) => `errors:${source ?? "*"}:AT_DESC`;

export const listErrors = (
  db: Queryable,
  accountId: string,
  source: string | null,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<ErrorLogRow>[]> => keysetPage(db, query(accountId, source), after, limit + 1);

export const countErrors = (db: Queryable, accountId: string, source: string | null) =>
  keysetCount(db, query(accountId, source));
