/**
 * What `status` shows, read from the database alone (no engine is started, so it never takes the
 * leadership or touches the exchange): trading state, who leads, open positions and exposure,
 * today's budget left, the jobs' last recorded results and next runs, and projection lag.
 */
import { selectionLimits } from "../../analyst/limits.ts";
import { markPosition } from "../../api/positions.ts";
import { readOverview } from "../../api/read/overview.ts";
import { type TradingStateView, tradingStateView } from "../../api/trading-state.ts";
import type { Config } from "../../config/index.ts";
import { projectionLag } from "../../control.ts";
import type { Database, Queryable } from "../../db/database.ts";
import { leaderLockKey } from "../../schedule/leader.ts";
import { Scheduler } from "../../schedule/scheduler.ts";
import type { Clock } from "../../time/clock.ts";
import { JOB_NAMES, type JobName, scheduledJobs } from "../../trading/jobs.ts";
import { todaysCommitment } from "../../trading/todays-commitment.ts";

export interface StatusReport {
  asOf: string;
  accountId: string;
  mode: "paper" | "live";
  tradingState: TradingStateView;
  /** The engine holding this account's leader lock, or null when none runs (or it cannot be told). */
  leader: { pid: number; since: string | null; application: string | null; client: string | null } | null;
  leaderKnown: boolean;
  openPositions: {
    tradeId: string;
    ticker: string;
    side: string;
    contracts: number;
    entryCost: number;
    marketValue: number | null;
    unrealizedPnl: number | null;
    closeTime: string;
  }[];
  /** Entry cost (fees included) of every open position: the money at risk. */
  exposure: number;
  /** Open positions marked at our side's bid after the exit fee; unpriced ones count zero. */
  openValue: number;
  unpricedPositions: number;
  today: {
    day: string;
    dailyBudget: number;
    committed: number;
    remainingBudget: number;
    trades: number;
    tradesRemaining: number;
  };
  jobs: {
    job: JobName;
    lastRecorded: string | null;
    evidence: string;
    nextRun: string | null;
    lastError: string | null;
  }[];
  projectionLag: number;
}

/** Where each job leaves its mark in the read tables (jobs themselves are not logged as events). */
const EVIDENCE: Record<JobName, { label: string; sql: string }> = {
  "refresh-markets": {
    label: "newest market change observed",
    sql: "SELECT max(observed_at) AS at FROM contracts",
  },
  "daily-scan": { label: "last scan", sql: "SELECT max(scanned_at) AS at FROM scans WHERE account_id = $1" },
  "morning-report": {
    label: "last morning report",
    sql: "SELECT max(generated_at) AS at FROM daily_reports WHERE account_id = $1 AND kind = 'morning'",
  },
  "stop-loss": {
    label: "last stop-loss triggered",
    sql: "SELECT max(triggered_at) AS at FROM stop_loss_events WHERE account_id = $1",
  },
  "check-resolutions": {
    label: "last trade settled",
    sql: "SELECT max(resolved_at) AS at FROM trades WHERE account_id = $1",
  },
  "monthly-analysis": {
    label: "last monthly analysis",
    sql: "SELECT max(generated_at) AS at FROM monthly_analysis WHERE account_id = $1",
  },
};

const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();

async function leaderOf(db: Queryable, accountId: string): Promise<StatusReport["leader"] | undefined> {
  try {
    const [row] = await db.query<{ pid: number; since: unknown; app: string | null; client: string | null }>(
      `SELECT l.pid, a.backend_start AS since, a.application_name AS app, a.client_addr::text AS client
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0
         AND l.objid = ($1::bigint & 4294967295)::oid LIMIT 1`,
      [leaderLockKey(accountId)],
    );
    return row
      ? { pid: row.pid, since: iso(row.since), application: row.app || null, client: row.client }
      : null;
  } catch {
    return undefined; // a database without pg_locks / pg_stat_activity: say "unknown", never guess
  }
}

export async function readStatus(db: Database, config: Config, clock: Clock): Promise<StatusReport> {
  const now = clock.now();
  const accountId = config.accountId;
  const overview = await readOverview(db, accountId);
  const positions = overview.open.map((o) => markPosition(o.trade, o.market));

  // Today's use of the budget, counted exactly as the daily scan counts it.
  const today = await todaysCommitment(db, accountId, now, config.timezone);
  const limits = selectionLimits(config.trading, { committed: today.committed, trades: today.trades });

  const idle = Object.fromEntries(JOB_NAMES.map((n) => [n, async () => undefined])) as Record<
    JobName,
    () => Promise<unknown>
  >;
  const timetable = new Scheduler(scheduledJobs(config, idle), {
    timezone: config.timezone,
    clock,
  }).timetable();
  const jobs: StatusReport["jobs"] = [];
  for (const job of JOB_NAMES) {
    const e = EVIDENCE[job];
    const [last] = await db.query<{ at: unknown }>(e.sql, e.sql.includes("$1") ? [accountId] : []);
    const [error] = await db.query<{ at: unknown; message: string }>(
      `SELECT "timestamp" AS at, error_message AS message FROM error_logs
       WHERE account_id = $1 AND endpoint = $2 ORDER BY "timestamp" DESC LIMIT 1`,
      [accountId, job],
    );
    const next = timetable.find((t) => t.job === job)?.next ?? null;
    jobs.push({
      job,
      lastRecorded: iso(last?.at),
      evidence: e.label,
      nextRun: next === null ? null : new Date(next).toISOString(),
      lastError: error ? `${iso(error.at)}: ${error.message}` : null,
    });
  }

  const leader = await leaderOf(db, accountId);
  return {
    asOf: new Date(now).toISOString(),
    accountId,
    mode: config.trading.mode,
    tradingState: tradingStateView(overview.state, now),
    leader: leader ?? null,
    leaderKnown: leader !== undefined,
    openPositions: positions.map((p) => ({
      tradeId: p.tradeId,
      ticker: p.ticker,
      side: p.side,
      contracts: p.contracts,
      entryCost: p.entryCost,
      marketValue: p.marketValue,
      unrealizedPnl: p.unrealizedPnl,
      closeTime: p.closeTime,
    })),
    exposure: positions.reduce((n, p) => n + p.entryCost, 0),
    openValue: positions.reduce((n, p) => n + (p.marketValue ?? 0), 0),
    unpricedPositions: positions.filter((p) => p.marketValue === null).length,
    today: {
      day: today.day,
      dailyBudget: limits.dailyBudget,
      committed: today.committed,
      remainingBudget: limits.remainingBudget,
      trades: today.trades,
      tradesRemaining: limits.tradesRemaining,
    },
    jobs,
    projectionLag: await projectionLag({ db }),
  };
}
