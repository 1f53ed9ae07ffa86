import type { Queryable } from "../../engine/db/database.ts";

/**
 * The read tables, written directly in one statement each: the API reads only projections, and
 * replaying 40,000 events to get there would measure the projector, not the API.
 */
export async function seedReadTables(db: Queryable, accountId: string, trades: number): Promise<void> {
  await db.query(
    `INSERT INTO contracts (market_id, event_ticker, series_ticker, question, subtitle, category, status, resolved, result,
       end_date, yes_bid, yes_ask, no_bid, no_ask, yes_bid_size, yes_ask_size, current_odds, volume, open_interest, rules,
       can_close_early, observations, discovered_at, observed_at)
     SELECT 'KXBENCH-' || m, 'KXBENCH-E' || m, 'KXBENCH', 'Bench market ' || m, '', 'Economics', 'active', false, '',
       timestamptz '2027-01-01', 950000, 960000, 40000, 50000, 10000, 10000, 955000, 1000000, 500000, '', false, 1,
       timestamptz '2026-01-01', timestamptz '2026-06-01'
     FROM generate_series(0, 199) AS m`,
  );
  await db.query(
    `INSERT INTO trades (id, account_id, contract_id, title, category, series_ticker, side, status, proposed_at, executed_at,
       allocation, limit_price, entry_odds, position_size, entry_fees, contracts_purchased, exit_odds, exit_proceeds,
       exit_fees, contracts_sold, pnl, ai_confidence, ai_reasoning, risk_factors, rejection_reasons, analysis_id, scan_id,
       client_order_id, order_id, close_time, stop_triggered_at, resolved_at, correlation_id)
     SELECT 'bench-' || lpad(i::text, 6, '0'), $1, 'KXBENCH-' || (i % 200), 'Bench market ' || (i % 200), 'Economics',
       'KXBENCH', CASE WHEN i % 2 = 0 THEN 'yes' ELSE 'no' END, s.status,
       timestamptz '2026-01-01' + i * interval '20 minutes', timestamptz '2026-01-01' + i * interval '20 minutes',
       50000000, 950000, 950000, 47500000, 10000, 5000, NULL, 0, 0, 0,
       CASE s.status WHEN 'won' THEN 2490000 WHEN 'lost' THEN -47510000 WHEN 'stopped' THEN -5220000 ELSE NULL END,
       0.93, 'bench', '[]'::jsonb, '[]'::jsonb, NULL, NULL, NULL, NULL,
       timestamptz '2026-01-02' + i * interval '20 minutes', NULL,
       CASE WHEN s.status IN ('won', 'lost', 'stopped') THEN timestamptz '2026-01-02' + i * interval '20 minutes' END,
       'bench-' || i
     FROM generate_series(1, $2::int) AS i,
       LATERAL (SELECT CASE WHEN i % 200 = 0 THEN 'open' WHEN i % 10 = 1 THEN 'lost' WHEN i % 10 = 2 THEN 'rejected'
                            WHEN i % 10 = 3 THEN 'stopped' ELSE 'won' END AS status) s`,
    [accountId, trades],
  );
  await db.query(
    `INSERT INTO performance_metrics (account_id, date, total_trades, wins, losses, voids, stop_losses, win_rate,
       total_invested, total_pnl, total_return_pct)
     SELECT account_id, (resolved_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE pnl > 0),
       count(*) FILTER (WHERE pnl <= 0), 0, count(*) FILTER (WHERE status = 'stopped'),
       (count(*) FILTER (WHERE pnl > 0))::float / count(*), sum(position_size + entry_fees), sum(pnl),
       sum(pnl)::float / sum(position_size + entry_fees) * 100
     FROM trades WHERE resolved_at IS NOT NULL GROUP BY 1, 2`,
  );
  await db.query(
    "INSERT INTO trading_state (account_id, state, reason, breaker, paused_until, since) VALUES ($1, 'running', 'bench', NULL, NULL, now())",
    [accountId],
  );
  await db.query("ANALYZE");
}
