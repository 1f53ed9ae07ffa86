import type { Queryable } from "../../db/database.ts";
import type { ScanRow } from "../../projections/scans/projection.ts";
import type { CursorKey } from "../pagination.ts";
import { jsonRows, type KeyedRow, type KeysetQuery, keysetCount, keysetPage } from "./keyset.ts";

const query = (accountId: string): KeysetQuery => ({
  from: "scans t",
  where: ["t.account_id = $1"],
  params: [accountId],
  order: { key: "t.scanned_at", cast: "timestamptz", id: "t.scan_id", direction: "DESC" },
});

export const SCANS_SORT = "scans:SCANNED_AT_DESC";

export const listScans = (
  db: Queryable,
  accountId: string,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<ScanRow>[]> => keysetPage(db, query(accountId), after, limit + 1);

export const countScans = (db: Queryable, accountId: string) => keysetCount(db, query(accountId));

export function scansByIds(db: Queryable, accountId: string, ids: readonly string[]) {
  return jsonRows<ScanRow>(
    db,
    `SELECT to_jsonb(t) AS r FROM scans t
     WHERE t.account_id = $1 AND t.scan_id IN (SELECT jsonb_array_elements_text($2::text::jsonb))`,
    [accountId, JSON.stringify(ids)],
  );
}

export async function latestScan(db: Queryable, accountId: string): Promise<ScanRow | null> {
  const [row] = await jsonRows<ScanRow>(
    db,
    "SELECT to_jsonb(t) AS r FROM scans t WHERE t.account_id = $1 ORDER BY t.scanned_at DESC, t.scan_id DESC LIMIT 1",
    [accountId],
  );
  return row ?? null;
}
