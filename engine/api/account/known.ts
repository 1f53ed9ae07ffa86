import type { Queryable } from "../../db/database.ts";

export interface KnownAccount {
  id: string;
  /** Every trade the account's projections hold, whatever its status. */
  trades: number;
}

/**
 * The per-account read tables an account leaves a row in as soon as its engine has done anything
 * worth showing (a trading state, a scan, a selector run, a trade, an error, a report, a backtest).
 * Each has account_id leading its key or an index. The events table is not scanned: market
 * observations make it the one table too large to DISTINCT on every request.
 */
const ACCOUNT_TABLES = [
  "trading_state",
  "scans",
  "ai_decisions",
  "trades",
  "error_logs",
  "daily_reports",
  "performance_metrics",
  "backtests",
] as const;

const UNION = ACCOUNT_TABLES.map((t) => `SELECT DISTINCT account_id FROM ${t}`).join(" UNION ");

/**
 * Every account the projections know, with this engine's own account always first (it is there even
 * before its first event), then by id. One round trip.
 */
export async function listAccounts(db: Queryable, served: string): Promise<KnownAccount[]> {
  const rows = await db.query<{ id: string; trades: number }>(
    `SELECT a.account_id AS id,
            (SELECT count(*)::int FROM trades t WHERE t.account_id = a.account_id) AS trades
       FROM (${UNION} UNION SELECT $1::text) a
      ORDER BY a.account_id = $1 DESC, a.account_id`,
    [served],
  );
  return rows.map((r) => ({ id: r.id, trades: Number(r.trades) }));
}

/** Whether any projection holds a row of `accountId`: an index probe per table, stopping at the first hit. */
export async function isKnownAccount(db: Queryable, accountId: string): Promise<boolean> {
  const probes = ACCOUNT_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t} WHERE account_id = $1)`).join(" OR ");
  const [row] = await db.query<{ known: boolean }>(`SELECT (${probes}) AS known`, [accountId]);
  return Boolean(row?.known);
}
