/**
 * The only database reads of the analyst: recent trades for the learning context and today's AI
 * spend for the cost cap. Everything else in the analyst is pure and works on these rows.
 */
import type { Queryable } from "../../db/database.ts";
import { type Micros, micros } from "../../money/money.ts";

/** A row of the `trades` projection, reduced to what the learning module reads. */
export interface TradeHistoryRow {
  id: string;
  ticker: string;
  title: string;
  category: string;
  seriesTicker: string;
  side: "yes" | "no";
  /** open, won, lost, stopped, closed or void. */
  status: string;
  proposedAt: string;
  executedAt: string | null;
  resolvedAt: string | null;
  /** Average entry price, or the limit price when nothing filled yet. */
  entryPrice: Micros;
  positionSize: Micros;
  pnl: Micros | null;
  confidence: number;
  reasoning: string;
  riskFactors: string[];
}

/** Trades that reached the market; proposals that were rejected or failed teach nothing about outcomes. */
export const HISTORY_STATUSES = ["open", "won", "lost", "stopped", "closed", "void"] as const;

/** Enough for stable per-bucket win rates; the prompt itself lists only the most recent 50. */
export const HISTORY_WINDOW = 500;

interface RawTradeRow {
  id: string;
  contract_id: string;
  title: string;
  category: string;
  series_ticker: string;
  side: string;
  status: string;
  proposed_at: string | Date;
  executed_at: string | Date | null;
  resolved_at: string | Date | null;
  entry_odds: number | string | null;
  limit_price: number | string;
  position_size: number | string;
  pnl: number | string | null;
  ai_confidence: number;
  ai_reasoning: string;
  risk_factors: unknown;
}

// Drivers differ on timestamptz (Date vs string) and, for bigint, may return strings.
const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const isoOrNull = (v: string | Date | null): string | null => (v === null ? null : iso(v));
const int = (v: number | string): Micros => micros(typeof v === "string" ? Number.parseInt(v, 10) : v);

function riskFactorsOf(value: unknown): string[] {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
}

export function toHistoryRow(r: RawTradeRow): TradeHistoryRow {
  return {
    id: r.id,
    ticker: r.contract_id,
    title: r.title,
    category: r.category,
    seriesTicker: r.series_ticker,
    side: r.side === "no" ? "no" : "yes",
    status: r.status,
    proposedAt: iso(r.proposed_at),
    executedAt: isoOrNull(r.executed_at),
    resolvedAt: isoOrNull(r.resolved_at),
    entryPrice: int(r.entry_odds ?? r.limit_price),
    positionSize: int(r.position_size),
    pnl: r.pnl === null ? null : int(r.pnl),
    confidence: Number(r.ai_confidence),
    reasoning: r.ai_reasoning,
    riskFactors: riskFactorsOf(r.risk_factors),
  };
}

/** The account's most recent executed trades, newest first (ties broken by id, so the order is stable). */
export async function loadTradeHistory(
  db: Queryable,
  accountId: string,
  limit: number = HISTORY_WINDOW,
): Promise<TradeHistoryRow[]> {
  const rows = await db.query<RawTradeRow>(
    `SELECT id, contract_id, title, category, series_ticker, side, status, proposed_at, executed_at,
            resolved_at, entry_odds, limit_price, position_size, pnl, ai_confidence, ai_reasoning, risk_factors
       FROM trades
      WHERE account_id = $1 AND status = ANY($2::text[])
      ORDER BY COALESCE(executed_at, proposed_at) DESC, id DESC
      LIMIT $3`,
    [accountId, `{${HISTORY_STATUSES.join(",")}}`, limit],
  );
  return rows.map(toHistoryRow);
}

/** What selector runs cost in [from, to): the "spent today" that AI_DAILY_COST_CAP is checked against. */
export async function loadAiSpent(
  db: Queryable,
  accountId: string,
  from: string,
  to: string,
): Promise<Micros> {
  const rows = await db.query<{ spent: number | string | null }>(
    `SELECT COALESCE(SUM(cost), 0) AS spent FROM ai_decisions
      WHERE account_id = $1 AND run_at >= $2::timestamptz AND run_at < $3::timestamptz`,
    [accountId, from, to],
  );
  return int(rows[0]?.spent ?? 0);
}
