-- Backtests (engine/backtest): one row per BacktestCompleted, written only by the backtests
-- projection (engine/projections/backtests). The headline figures are columns, for listing and
-- sorting; the whole report (money as integer micros, see events/catalog/backtest-completed.ts)
-- is kept as it was recorded.
CREATE TABLE backtests (
  id text PRIMARY KEY,                      -- backtest id
  account_id text NOT NULL,
  completed_at timestamptz NOT NULL,
  from_time timestamptz NOT NULL,
  to_time timestamptz NOT NULL,
  source_kind text NOT NULL,
  source_detail text NOT NULL,
  selector text NOT NULL,                   -- 'rules' | 'recorded' | 'ai'
  parameters jsonb NOT NULL,                -- NAME → value, as given
  events_processed bigint NOT NULL,
  trades integer NOT NULL,
  wins integer NOT NULL,
  losses integer NOT NULL,
  win_rate double precision,
  total_pnl bigint NOT NULL,
  fees_paid bigint NOT NULL,
  roi_pct double precision,
  max_drawdown bigint NOT NULL,
  max_drawdown_pct double precision,
  sharpe double precision,
  brier double precision,
  report jsonb NOT NULL
);
CREATE INDEX backtests_completed_at ON backtests (account_id, completed_at DESC);
