/**
 * The few figures a sweep ranks by and the CLI prints when the full report is not there: trades,
 * wins, P&L after fees and fees, read from the run's own trades table. Integer micros throughout.
 */
import type { Queryable } from "../db/database.ts";

export interface RunSummary {
  /** Trades that bought something. */
  trades: number;
  wins: number;
  losses: number;
  stopped: number;
  open: number;
  /** Realized P&L after every fee, micros. */
  pnlMicros: number;
  /** Entry and exit fees paid, micros. */
  feesMicros: number;
}

export async function summarize(db: Queryable, accountId: string): Promise<RunSummary> {
  const [row] = await db.query<Record<keyof RunSummary, number>>(
    `SELECT count(*)::int AS trades,
            count(*) FILTER (WHERE status = 'won')::int AS wins,
            count(*) FILTER (WHERE status = 'lost')::int AS losses,
            count(*) FILTER (WHERE status = 'stopped')::int AS stopped,
            count(*) FILTER (WHERE status = 'open')::int AS open,
            coalesce(sum(pnl) FILTER (WHERE pnl IS NOT NULL), 0)::bigint AS "pnlMicros",
            coalesce(sum(entry_fees + exit_fees), 0)::bigint AS "feesMicros"
     FROM trades WHERE account_id = $1 AND contracts_purchased > 0`,
    [accountId],
  );
  return {
    trades: Number(row?.trades ?? 0),
    wins: Number(row?.wins ?? 0),
    losses: Number(row?.losses ?? 0),
    stopped: Number(row?.stopped ?? 0),
    open: Number(row?.open ?? 0),
    pnlMicros: Number(row?.pnlMicros ?? 0),
    feesMicros: Number(row?.feesMicros ?? 0),
  };
}
