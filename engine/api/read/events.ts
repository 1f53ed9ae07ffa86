import { toStoredEvent } from "../../../events/store/read.ts";
import type { LogPosition, StoredEvent } from "../../../events/store/types.ts";
import type { Queryable } from "../../db/database.ts";

export const EVENT_COLUMNS = `global_position, event_id::text AS event_id, stream_id, stream_version, event_type,
  event_version, data, metadata, transaction_id::text AS txid, recorded_at`;

/**
 * Only this account's events, plus market observations (market data is shared by every account
 * on the database, whoever observed it).
 */
export const ACCOUNT_EVENTS = "(metadata ->> 'accountId' = $1 OR event_type = 'MarketObserved')";

export type EventRow = Parameters<typeof toStoredEvent>[0];

export interface EventPageQuery {
  accountId: string;
  stream?: string | null;
  type?: string | null;
  after: LogPosition | null;
  /** Rows to fetch (callers ask one more than they show, to know whether there is a next page). */
  limit: number;
  order: "OLDEST_FIRST" | "NEWEST_FIRST";
}

/**
 * A page of the log in commit-safe order. Like readAll, only events below the snapshot horizon are
 * shown: a slow transaction that took a low id and commits late never lands behind a cursor a
 * client already holds (it simply appears a moment later).
 */
export async function eventPage(db: Queryable, q: EventPageQuery): Promise<StoredEvent[]> {
  const params: unknown[] = [q.accountId];
  const where = [ACCOUNT_EVENTS, "transaction_id < pg_snapshot_xmin(pg_current_snapshot())"];
  if (q.stream) {
    params.push(q.stream);
    where.push(`stream_id = $${params.length}`);
  }
  if (q.type) {
    params.push(q.type);
    where.push(`event_type = $${params.length}`);
  }
  const desc = q.order === "NEWEST_FIRST";
  if (q.after) {
    params.push(q.after.transactionId, q.after.globalPosition);
    where.push(
      `(transaction_id, global_position) ${desc ? "<" : ">"} ($${params.length - 1}::text::xid8, $${params.length}::bigint)`,
    );
  }
  params.push(q.limit);
  const dir = desc ? "DESC" : "ASC";
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(" AND ")}
     ORDER BY transaction_id ${dir}, global_position ${dir} LIMIT $${params.length}`,
    params,
  );
  return rows.map(toStoredEvent);
}
