/**
 * What the report reads of a backtest run: the run's own figures (from engine/backtest/types.ts)
 * and the projection tables of its scratch database, read once into plain rows.
 */
import type { Queryable } from "../../db/database.ts";
import type { TradeRow } from "../../projections/trades/projection.ts";
import type { BacktestRun } from "../types.ts";

/** The parts of a run the report uses (the config is left out: it may hold secrets). */
export type ReportRun = Pick<
  BacktestRun,
  | "db"
  | "parameters"
  | "from"
  | "to"
  | "source"
  | "selector"
  | "eventsProcessed"
  | "equity"
  | "startingBalanceMicros"
  | "aiSpentMicros"
>;

/** The run without its database, plus the rows read from it: everything buildReport needs. */
export interface ReportInput extends Omit<ReportRun, "db"> {
  trades: readonly TradeRow[];
  /** Market result by ticker (contracts.result): yes, no, void, scalar, or "" while unsettled. */
  marketResults: ReadonlyMap<string, string>;
}

/**
 * Every trade of the run and the result of every market it traded. Through to_jsonb, so PGlite
 * and PostgreSQL give identical shapes (money as integers, timestamps as ISO text).
 */
export async function readRunTables(db: Queryable): Promise<Pick<ReportInput, "trades" | "marketResults">> {
  const trades = (
    await db.query<{ r: TradeRow }>("SELECT to_jsonb(t) AS r FROM trades t ORDER BY t.proposed_at, t.id")
  ).map((x) => x.r);
  const results = await db.query<{ market_id: string; result: string }>(
    `SELECT c.market_id, c.result FROM contracts c
     WHERE c.market_id IN (SELECT DISTINCT contract_id FROM trades)`,
  );
  return { trades, marketResults: new Map(results.map((r) => [r.market_id, r.result])) };
}
