import type { Queryable } from "../../db/database.ts";
import type { ContractRow } from "../../projections/contracts/projection.ts";
import type { PerformanceRow } from "../../projections/performance-metrics/projection.ts";
import type { TradeRow } from "../../projections/trades/projection.ts";
import type { TradingStateRow } from "../../projections/trading-state/projection.ts";
import { jsonRows } from "./keyset.ts";

export interface TradeTotals {
  realized: number;
  invested: number;
  fees: number;
  wins: number;
  losses: number;
  voids: number;
  stops: number;
  closed: number;
  /** What unfinished trades hold: the paper ledger's deduction (engine/trading/read-model.ts). */
  tied: number;
}

export interface OverviewRead {
  totals: TradeTotals;
  open: { trade: TradeRow; market: ContractRow | null }[];
  performance: PerformanceRow[];
  state: TradingStateRow | null;
  /** Cash as the last morning report saw it: the live balance without asking the exchange. */
  reportedCash: { cash: number; at: string } | null;
}

/**
 * Everything the overview needs, in ONE round trip: it is the dashboard's most frequent read.
 * Outcomes as in performance_metrics and the reports: a settled trade counts by its settlement,
 * a sold one as a win only if it made money. `tied` is paperBalance's formula
 * (engine/trading/read-model.ts); a test holds the two equal.
 */
export async function readOverview(db: Queryable, accountId: string): Promise<OverviewRead> {
  const [row] = await db.query<{
    totals: TradeTotals;
    open: { t: TradeRow; c: ContractRow | null }[];
    perf: PerformanceRow[];
    state: TradingStateRow | null;
    cash: { cash: unknown; at: string } | null;
  }>(
    `SELECT
       (SELECT jsonb_build_object(
          'realized', coalesce(sum(pnl) FILTER (WHERE pnl IS NOT NULL), 0),
          'invested', coalesce(sum(position_size + entry_fees) FILTER (WHERE pnl IS NOT NULL), 0),
          'fees', coalesce(sum(entry_fees + exit_fees), 0),
          'wins', count(*) FILTER (WHERE status = 'won' OR (status IN ('stopped', 'closed') AND pnl > 0)),
          'losses', count(*) FILTER (WHERE status = 'lost' OR (status IN ('stopped', 'closed') AND coalesce(pnl, 0) <= 0)),
          'voids', count(*) FILTER (WHERE status = 'void'),
          'stops', count(*) FILTER (WHERE status = 'stopped'),
          'closed', count(*) FILTER (WHERE pnl IS NOT NULL),
          'tied', coalesce(sum(position_size + entry_fees - exit_proceeds + exit_fees)
                    FILTER (WHERE pnl IS NULL AND status IN ('pending', 'open')), 0))
        FROM trades WHERE account_id = $1) AS totals,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('t', to_jsonb(t), 'c', to_jsonb(c)) ORDER BY t.close_time, t.id), '[]')
        FROM trades t LEFT JOIN contracts c ON c.market_id = t.contract_id
        WHERE t.account_id = $1 AND t.status = 'open' AND t.contracts_purchased > t.contracts_sold) AS open,
       (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY p.date), '[]')
        FROM performance_metrics p WHERE p.account_id = $1) AS perf,
       (SELECT to_jsonb(s) FROM trading_state s WHERE s.account_id = $1) AS state,
       (SELECT jsonb_build_object('cash', body -> 'bankroll' -> 'cash', 'at', generated_at)
        FROM daily_reports WHERE account_id = $1 AND kind = 'morning'
        ORDER BY report_date DESC LIMIT 1) AS cash`,
    [accountId],
  );
  const cash = row?.cash;
  return {
    totals: row?.totals ?? {
      realized: 0,
      invested: 0,
      fees: 0,
      wins: 0,
      losses: 0,
      voids: 0,
      stops: 0,
      closed: 0,
      tied: 0,
    },
    open: (row?.open ?? []).map((o) => ({ trade: o.t, market: o.c })),
    performance: row?.perf ?? [],
    state: row?.state ?? null,
    reportedCash:
      cash && typeof cash.cash === "number" && Number.isSafeInteger(cash.cash)
        ? { cash: cash.cash, at: cash.at }
        : null,
  };
}

export async function tradingStateRow(db: Queryable, accountId: string): Promise<TradingStateRow | null> {
  const [row] = await jsonRows<TradingStateRow>(
    db,
    "SELECT to_jsonb(s) AS r FROM trading_state s WHERE s.account_id = $1",
    [accountId],
  );
  return row ?? null;
}
