import type { Queryable } from "../../db/database.ts";
import type { StopLossRow } from "../../projections/stop-loss-events/projection.ts";
import type { CursorKey } from "../pagination.ts";
import { type KeyedRow, type KeysetQuery, keysetCount, keysetPage } from "./keyset.ts";

const query = (accountId: string): KeysetQuery => ({
  from: "stop_loss_events t",
  where: ["t.account_id = $1"],
  params: [accountId],
  order: { key: "t.triggered_at", cast: "timestamptz", id: "t.trade_id", direction: "DESC" },
});

export const STOPS_SORT = "stops:TRIGGERED_AT_DESC";

export const listStopLosses = (
  db: Queryable,
  accountId: string,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<StopLossRow>[]> => keysetPage(db, query(accountId), after, limit + 1);

export const countStopLosses = (db: Queryable, accountId: string) => keysetCount(db, query(accountId));
