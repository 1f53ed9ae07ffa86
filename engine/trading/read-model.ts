import type { Queryable } from "../db/database.ts";
import type { StopLossRow } from "../projections/stop-loss-events/projection.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import type { TradingStateRow } from "../projections/trading-state/projection.ts";

/**
 * Reads of the projections that trading decisions need. Rows come back through to_jsonb so both
 * databases give identical shapes (timestamps as ISO text, money as integers).
 */
async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<{ r: T }>(sql, params)).map((x) => x.r);
}

/** Trades that still hold, or may still take, money: everything not finished. */
export const UNFINISHED = ["proposed", "pending", "open"];

export function unfinishedTrades(db: Queryable, accountId: string): Promise<TradeRow[]> {
  return rows<TradeRow>(
    db,
    "SELECT to_jsonb(t) AS r FROM trades t WHERE account_id = $1 AND status IN ('proposed', 'pending', 'open') ORDER BY proposed_at",
    [accountId],
  );
}

export function openPositions(db: Queryable, accountId: string): Promise<TradeRow[]> {
  return rows<TradeRow>(
    db,
    "SELECT to_jsonb(t) AS r FROM trades t WHERE account_id = $1 AND status = 'open' AND contracts_purchased > contracts_sold ORDER BY proposed_at",
    [accountId],
  );
}

/** Every trade proposed since `sinceIso` plus every unfinished one: what risk counts. */
export function tradesForRisk(db: Queryable, accountId: string, sinceIso: string): Promise<TradeRow[]> {
  return rows<TradeRow>(
    db,
    `SELECT to_jsonb(t) AS r FROM trades t WHERE account_id = $1
       AND (proposed_at >= $2::timestamptz OR status IN ('proposed', 'pending', 'open'))`,
    [accountId, sinceIso],
  );
}

export async function tradeById(db: Queryable, id: string): Promise<TradeRow | null> {
  return (await rows<TradeRow>(db, "SELECT to_jsonb(t) AS r FROM trades t WHERE id = $1", [id]))[0] ?? null;
}

export function closedTradesSince(db: Queryable, accountId: string, sinceIso: string): Promise<TradeRow[]> {
  return rows<TradeRow>(
    db,
    `SELECT to_jsonb(t) AS r FROM trades t WHERE account_id = $1 AND resolved_at >= $2::timestamptz ORDER BY resolved_at`,
    [accountId, sinceIso],
  );
}

export function allTrades(db: Queryable, accountId: string): Promise<TradeRow[]> {
  return rows<TradeRow>(
    db,
    "SELECT to_jsonb(t) AS r FROM trades t WHERE account_id = $1 ORDER BY proposed_at",
    [accountId],
  );
}

export async function tradingState(db: Queryable, accountId: string): Promise<TradingStateRow | null> {
  return (
    (
      await rows<TradingStateRow>(db, "SELECT to_jsonb(s) AS r FROM trading_state s WHERE account_id = $1", [
        accountId,
      ])
    )[0] ?? null
  );
}

export function stopLossesSince(db: Queryable, accountId: string, sinceIso: string): Promise<StopLossRow[]> {
  return rows<StopLossRow>(
    db,
    "SELECT to_jsonb(s) AS r FROM stop_loss_events s WHERE account_id = $1 AND triggered_at >= $2::timestamptz",
    [accountId, sinceIso],
  );
}

/**
 * Paper cash: the starting balance plus every realized P&L, minus what open positions cost
 * (net of anything already sold out of them).
 */
export async function paperBalance(db: Queryable, accountId: string, starting: number): Promise<number> {
  const [row] = await db.query<{ realized: number; tied: number }>(
    `SELECT coalesce(sum(pnl) FILTER (WHERE pnl IS NOT NULL), 0)::bigint AS realized,
            coalesce(sum(position_size + entry_fees - exit_proceeds + exit_fees)
              FILTER (WHERE pnl IS NULL AND status IN ('pending', 'open')), 0)::bigint AS tied
     FROM trades WHERE account_id = $1`,
    [accountId],
  );
  return starting + (row?.realized ?? 0) - (row?.tied ?? 0);
}
