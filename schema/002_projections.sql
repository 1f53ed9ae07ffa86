-- Read models: the seed's tables, each written only by its projection (engine/projections/<name>).
-- Money is integer micro-dollars (suffix _micros is implied for every money column: see README),
-- contract counts are integer hundredths of a contract. Rebuildable from the log at any time.

-- Market cache (the seed's `contracts`). Shared by every account: it is market data.
CREATE TABLE contracts (
  market_id text PRIMARY KEY,               -- Kalshi ticker
  event_ticker text NOT NULL,
  series_ticker text NOT NULL,
  question text NOT NULL,
  subtitle text NOT NULL,
  category text NOT NULL,
  status text NOT NULL,
  resolved boolean NOT NULL,
  result text NOT NULL,
  end_date timestamptz NOT NULL,            -- close time
  yes_bid bigint, yes_ask bigint, no_bid bigint, no_ask bigint,
  yes_bid_size bigint, yes_ask_size bigint,
  current_odds bigint,                      -- last traded YES price
  volume bigint NOT NULL,
  open_interest bigint NOT NULL,
  rules text NOT NULL,
  can_close_early boolean NOT NULL,
  observations integer NOT NULL,
  discovered_at timestamptz NOT NULL,
  observed_at timestamptz NOT NULL
);
CREATE INDEX contracts_end_date ON contracts (end_date) WHERE NOT resolved;
CREATE INDEX contracts_discovered_at ON contracts (discovered_at);

CREATE TABLE trades (
  id text PRIMARY KEY,                      -- trade id (TradeProposed)
  account_id text NOT NULL,
  contract_id text NOT NULL,                -- Kalshi ticker
  title text NOT NULL,
  category text NOT NULL,
  series_ticker text NOT NULL,
  side text NOT NULL,                       -- 'yes' | 'no'
  status text NOT NULL,                     -- proposed, rejected, pending, open, failed, stopped, closed, won, lost, void
  proposed_at timestamptz NOT NULL,
  executed_at timestamptz,
  allocation bigint NOT NULL,
  limit_price bigint NOT NULL,
  entry_odds bigint,                        -- average entry price
  position_size bigint NOT NULL,            -- entry cost before fees
  entry_fees bigint NOT NULL,
  contracts_purchased bigint NOT NULL,
  exit_odds bigint,                         -- average exit price when sold
  exit_proceeds bigint NOT NULL,
  exit_fees bigint NOT NULL,
  contracts_sold bigint NOT NULL,
  pnl bigint,                               -- realized, after every fee
  ai_confidence double precision NOT NULL,
  ai_reasoning text NOT NULL,
  risk_factors jsonb NOT NULL,
  rejection_reasons jsonb NOT NULL,
  analysis_id text,
  scan_id text,
  client_order_id text,
  order_id text,
  close_time timestamptz NOT NULL,
  stop_triggered_at timestamptz,
  resolved_at timestamptz,
  correlation_id text NOT NULL
);
CREATE INDEX trades_executed_at ON trades (executed_at);
CREATE INDEX trades_status ON trades (status);
CREATE INDEX trades_contract ON trades (contract_id);
CREATE INDEX trades_account_proposed ON trades (account_id, proposed_at DESC);

CREATE TABLE ai_decisions (
  id text PRIMARY KEY,                      -- analysis id
  account_id text NOT NULL,
  run_at timestamptz NOT NULL,
  scan_id text,
  selector text NOT NULL,
  status text NOT NULL,
  model text,
  prompt_version text,
  prompt_hash text,
  contracts_analyzed integer NOT NULL,
  contracts_selected integer NOT NULL,
  total_allocated bigint NOT NULL,
  ai_response text NOT NULL,
  context_used jsonb,
  selections jsonb NOT NULL,
  probabilities jsonb NOT NULL,
  strategy_notes text NOT NULL,
  rejection_reasons jsonb NOT NULL,
  input_tokens integer NOT NULL,
  output_tokens integer NOT NULL,
  cost bigint NOT NULL,
  latency_ms integer NOT NULL
);
CREATE INDEX ai_decisions_run_at ON ai_decisions (account_id, run_at DESC);

-- Daily figures, by the UTC date the trade closed (resolved or sold).
CREATE TABLE performance_metrics (
  account_id text NOT NULL,
  date date NOT NULL,
  total_trades integer NOT NULL,
  wins integer NOT NULL,
  losses integer NOT NULL,
  voids integer NOT NULL,
  stop_losses integer NOT NULL,
  win_rate double precision,
  total_invested bigint NOT NULL,
  total_pnl bigint NOT NULL,
  total_return_pct double precision,
  PRIMARY KEY (account_id, date)
);

CREATE TABLE monthly_analysis (
  account_id text NOT NULL,
  month_year date NOT NULL,                 -- first day of the month
  report_id text NOT NULL,
  generated_at timestamptz NOT NULL,
  total_trades integer NOT NULL,
  total_invested bigint NOT NULL,
  total_pnl bigint NOT NULL,
  win_rate double precision,
  avg_roi double precision,
  market_type_analysis jsonb NOT NULL,
  series_analysis jsonb NOT NULL,
  top_market_types jsonb NOT NULL,
  worst_market_types jsonb NOT NULL,
  calibration jsonb NOT NULL,
  insights text NOT NULL,
  PRIMARY KEY (account_id, month_year)
);

CREATE TABLE daily_reports (
  account_id text NOT NULL,
  report_date date NOT NULL,
  kind text NOT NULL,                       -- 'morning' | 'daily'
  report_id text NOT NULL,
  generated_at timestamptz NOT NULL,
  summary text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (account_id, report_date, kind)
);

CREATE TABLE stop_loss_events (
  trade_id text PRIMARY KEY,
  account_id text NOT NULL,
  contract_id text NOT NULL,
  side text NOT NULL,
  trigger_odds bigint NOT NULL,             -- our side's bid when the stop fired
  threshold bigint NOT NULL,
  source text NOT NULL,                     -- 'schedule' | 'realtime'
  triggered_at timestamptz NOT NULL,
  exit_odds bigint,
  realized_loss bigint,                     -- realized P&L of the trade after fees (negative = loss)
  closed_at timestamptz,
  reason text NOT NULL
);
CREATE INDEX stop_loss_events_triggered_at ON stop_loss_events (account_id, triggered_at DESC);

CREATE TABLE error_logs (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  "timestamp" timestamptz NOT NULL,
  endpoint text NOT NULL,
  error_message text NOT NULL,
  stack_trace text,
  context jsonb NOT NULL
);
CREATE INDEX error_logs_timestamp ON error_logs (account_id, "timestamp" DESC);

-- Whether the engine may trade: running, paused by hand, or stopped by a circuit breaker.
CREATE TABLE trading_state (
  account_id text PRIMARY KEY,
  state text NOT NULL,                      -- 'running' | 'paused' | 'breaker'
  reason text NOT NULL,
  breaker text,
  paused_until timestamptz,
  since timestamptz NOT NULL
);

-- Each scan's funnel and candidates (the seed's qualifying-contracts check).
CREATE TABLE scans (
  scan_id text PRIMARY KEY,
  account_id text NOT NULL,
  scanned_at timestamptz NOT NULL,
  criteria jsonb NOT NULL,
  stages jsonb NOT NULL,
  candidates jsonb NOT NULL,
  candidate_count integer NOT NULL
);
CREATE INDEX scans_scanned_at ON scans (account_id, scanned_at DESC);
