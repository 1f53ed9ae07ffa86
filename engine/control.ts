import type { EngineControl, HealthCheck, HealthReport } from "./api/control.ts";
import type { Leadership } from "./schedule/leader.ts";
import type { Scheduler } from "./schedule/scheduler.ts";
import { closePosition } from "./trading/close-position.ts";
import type { JobDeps } from "./trading/jobs.ts";
import { runScan } from "./trading/run-scan.ts";

/**
 * The running engine as the API sees it. Every action goes through the same trading steps and
 * appends events as the user; the API itself never writes.
 */
export function engineControl(
  deps: JobDeps,
  scheduler: Scheduler,
  leadership: Leadership,
  /** Resolves once start-up reconciliation is done: a trade step before it would race it. */
  reconciled: () => Promise<void> = async () => {},
): EngineControl {
  return {
    async runScan(dryRun) {
      await reconciled();
      const run = await runScan(deps, { dryRun });
      return { scanId: run.scanId, scan: run.scan, analysis: run.analysis, outcomes: run.outcomes };
    },
    async pauseTrading(reason) {
      await deps.store.append(
        "trading-state",
        [{ type: "TradingPaused", data: { reason, pausedUntil: null } }],
        {
          actor: "user",
        },
      );
      await deps.projector.catchUp();
    },
    async resumeTrading(reason) {
      await deps.store.append("trading-state", [{ type: "TradingResumed", data: { reason } }], {
        actor: "user",
      });
      await deps.projector.catchUp();
    },
    async closePosition(tradeId) {
      await reconciled();
      return closePosition(deps, tradeId, { reason: "manual" });
    },
    runJob: (name) => scheduler.runNow(name),
    async setNotificationPreferences(prefs) {
      await deps.store.append(
        "notification-preferences",
        [{ type: "NotificationPreferencesSet", data: prefs }],
        {
          actor: "user",
        },
      );
      await deps.projector.catchUp();
    },
    jobNames: () => scheduler.jobNames,
    async health(): Promise<HealthReport> {
      const database = await probe(async () => {
        await deps.db.query("SELECT 1");
        return "reachable";
      });
      const exchange = await probe(() => exchangeStatus(deps));
      const lag = await projectionLag(deps).catch(() => -1);
      return {
        database,
        exchange,
        ai: deps.config.ai.apiKey
          ? { status: "ok", detail: `${deps.config.ai.model} (falls back to rules if unreachable)` }
          : { status: "degraded", detail: "no AI key: the rules-based selector decides" },
        schedules: scheduler.timetable().map((t) => ({
          job: t.job,
          next: t.next === null ? null : new Date(t.next).toISOString(),
          running: t.running,
        })),
        projectionLag: lag,
        leader: leadership.isLeader,
      };
    },
  };
}

async function probe(fn: () => Promise<string>): Promise<HealthCheck> {
  try {
    return { status: "ok", detail: await fn() };
  } catch (error) {
    return { status: "down", detail: (error as Error).message };
  }
}

async function exchangeStatus(deps: JobDeps): Promise<string> {
  const client = deps.market as unknown as {
    getExchangeStatus?: () => Promise<{ exchangeActive: boolean; tradingActive: boolean }>;
  };
  if (!client.getExchangeStatus) return "reachable";
  const s = await client.getExchangeStatus();
  if (!s.exchangeActive) throw new Error("exchange is closed");
  return s.tradingActive ? "trading active" : "trading paused by the exchange";
}

/**
 * Events the projections have not applied yet: those after the slowest checkpoint, plus those held
 * back by a transaction still open (they surface here instead of as a silent stall).
 */
export async function projectionLag(deps: Pick<JobDeps, "db">): Promise<number> {
  const [row] = await deps.db.query<{ n: number }>(
    `WITH slowest AS (
       SELECT transaction_id, global_position FROM projection_checkpoints
       ORDER BY transaction_id, global_position LIMIT 1
     )
     SELECT count(*)::int AS n FROM events e
     WHERE NOT EXISTS (SELECT 1 FROM slowest)
        OR (e.transaction_id, e.global_position) > (SELECT transaction_id, global_position FROM slowest)`,
  );
  return row?.n ?? 0;
}
