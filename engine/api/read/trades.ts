import type { Queryable } from "../../db/database.ts";
import type { ContractRow } from "../../projections/contracts/projection.ts";
import type { TradeRow } from "../../projections/trades/projection.ts";
import type { CursorKey } from "../pagination.ts";
import { jsonRows, type KeyedRow, type KeysetOrder, type KeysetQuery, keysetCount } from "./keyset.ts";

export type TradeSort =
  | "PROPOSED_AT_DESC"
  | "PROPOSED_AT_ASC"
  | "CLOSED_AT_DESC"
  | "PNL_DESC"
  | "PNL_ASC"
  | "CLOSE_TIME_ASC";

/** Nullable keys get a sentinel that sorts them last in the order's direction. */
const ORDERS: Record<TradeSort, KeysetOrder> = {
  PROPOSED_AT_DESC: { key: "t.proposed_at", cast: "timestamptz", id: "t.id", direction: "DESC" },
  PROPOSED_AT_ASC: { key: "t.proposed_at", cast: "timestamptz", id: "t.id", direction: "ASC" },
  CLOSED_AT_DESC: {
    key: "coalesce(t.resolved_at, '-infinity'::timestamptz)",
    cast: "timestamptz",
    id: "t.id",
    direction: "DESC",
  },
  PNL_DESC: { key: "coalesce(t.pnl, -9007199254740991)", cast: "bigint", id: "t.id", direction: "DESC" },
  PNL_ASC: { key: "coalesce(t.pnl, 9007199254740991)", cast: "bigint", id: "t.id", direction: "ASC" },
  CLOSE_TIME_ASC: { key: "t.close_time", cast: "timestamptz", id: "t.id", direction: "ASC" },
};

export interface TradeFilter {
  accountId: string;
  statuses?: readonly string[] | null;
  ticker?: string | null;
}

function filterQuery(f: TradeFilter): Pick<KeysetQuery, "from" | "where" | "params"> {
  const where = ["t.account_id = $1"];
  const params: unknown[] = [f.accountId];
  if (f.statuses && f.statuses.length > 0) {
    params.push(JSON.stringify(f.statuses));
    where.push(`t.status IN (SELECT jsonb_array_elements_text($${params.length}::text::jsonb))`);
  }
  if (f.ticker) {
    params.push(f.ticker);
    where.push(`t.contract_id = $${params.length}`);
  }
  return { from: "trades t", where, params };
}

export interface TradePage {
  rows: KeyedRow<TradeRow>[];
  /** The market row of each trade on the page, by ticker (joined, not looked up one by one). */
  markets: Map<string, ContractRow | null>;
  /** How many trades match the filter, when asked for. */
  total: number | null;
}

/**
 * One page of trades (`limit` + 1 rows, to know whether there is a next page), their markets and,
 * if wanted, the total: one round trip, because the trades list is the dashboard's busiest read.
 */
export async function tradePage(
  db: Queryable,
  filter: TradeFilter,
  sort: TradeSort,
  after: CursorKey | null,
  limit: number,
  withTotal: boolean,
): Promise<TradePage> {
  const { key, id, cast, direction } = ORDERS[sort];
  const q = filterQuery(filter);
  const params = [...q.params];
  const where = [...q.where];
  const count = withTotal ? `(SELECT count(*) FROM trades t WHERE ${where.join(" AND ")})::int` : "NULL::int";
  if (after) {
    params.push(after.key, after.id);
    where.push(
      `((${key}), (${id})) ${direction === "DESC" ? "<" : ">"} ($${params.length - 1}::${cast}, $${params.length}::text)`,
    );
  }
  params.push(limit + 1);
  const rows = await db.query<{ r: TradeRow; k: string; c: ContractRow | null; total: number | null }>(
    `WITH page AS (
       SELECT t.*, (${key})::text AS sort_key, row_number() OVER (ORDER BY ${key} ${direction}, ${id} ${direction}) AS ord
       FROM trades t WHERE ${where.join(" AND ")}
       ORDER BY ${key} ${direction}, ${id} ${direction}
       LIMIT $${params.length}
     )
     SELECT to_jsonb(page) - 'sort_key' - 'ord' AS r, page.sort_key AS k, to_jsonb(c) AS c, ${count} AS total
     FROM page LEFT JOIN contracts c ON c.market_id = page.contract_id
     ORDER BY page.ord`,
    params,
  );
  const markets = new Map(rows.map((r) => [r.r.contract_id, r.c]));
  return {
    rows: rows.map((r) => ({ node: r.r, key: r.k, id: r.r.id })),
    markets,
    total: withTotal ? (rows[0]?.total ?? (await countTrades(db, filter))) : null,
  };
}

export const countTrades = (db: Queryable, filter: TradeFilter): Promise<number> =>
  keysetCount(db, filterQuery(filter));

export function tradesByIds(db: Queryable, accountId: string, ids: readonly string[]): Promise<TradeRow[]> {
  return jsonRows<TradeRow>(
    db,
    `SELECT to_jsonb(t) AS r FROM trades t
     WHERE t.account_id = $1 AND t.id IN (SELECT jsonb_array_elements_text($2::text::jsonb))`,
    [accountId, JSON.stringify(ids)],
  );
}

export function tradesByAnalysisIds(
  db: Queryable,
  accountId: string,
  analysisIds: readonly string[],
): Promise<TradeRow[]> {
  return jsonRows<TradeRow>(
    db,
    `SELECT to_jsonb(t) AS r FROM trades t
     WHERE t.account_id = $1 AND t.analysis_id IN (SELECT jsonb_array_elements_text($2::text::jsonb))
     ORDER BY t.proposed_at, t.id`,
    [accountId, JSON.stringify(analysisIds)],
  );
}

/** Open positions with the market row of each (one query: no lookup per position). */
export async function openTradesWithMarkets(
  db: Queryable,
  accountId: string,
): Promise<{ trade: TradeRow; market: ContractRow | null }[]> {
  const rows = await db.query<{ r: TradeRow; c: ContractRow | null }>(
    `SELECT to_jsonb(t) AS r, to_jsonb(c) AS c
     FROM trades t LEFT JOIN contracts c ON c.market_id = t.contract_id
     WHERE t.account_id = $1 AND t.status = 'open' AND t.contracts_purchased > t.contracts_sold
     ORDER BY t.close_time, t.id`,
    [accountId],
  );
  return rows.map((r) => ({ trade: r.r, market: r.c }));
}
