/**
 * Job runs and their durations, measured around each job's own work, so scheduled runs, `run <job>`
 * and the API's runJob all count. Each run also gets its log context: every line it writes says
 * which job and which run, and (once it appends events) which correlation id.
 */
import type { Logger } from "../log.ts";
import { withLogContext } from "../log-context.ts";
import type { RunResult } from "../schedule/scheduler.ts";
import type { MetricsRegistry } from "./registry.ts";

/** Seconds: from a quick stop-loss check to a full catalog sync on a slow tier. */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export function jobMetrics(registry: MetricsRegistry) {
  const runs = registry.counter({
    name: "conviction_job_runs_total",
    help: "Job runs by job and outcome (ok, failed, skipped).",
    labelNames: ["job", "status"],
  });
  const duration = registry.histogram({
    name: "conviction_job_duration_seconds",
    help: "Wall time of each job run that started, ok or failed.",
    labelNames: ["job"],
    buckets: JOB_BUCKETS,
  });
  let sequence = 0;

  return {
    runs,
    duration,
    /**
     * Wraps a job: measures it, counts its outcome and runs it in its own log context. Wall time,
     * not the engine's clock: this describes the process (a simulated clock may stand still).
     */
    instrument(job: string, run: () => Promise<unknown>, log: Logger): () => Promise<unknown> {
      return () => {
        sequence += 1;
        return withLogContext({ job, run: `${job}#${sequence}` }, async () => {
          const started = performance.now();
          const seconds = () => (performance.now() - started) / 1000;
          try {
            const result = await run();
            duration.observe({ job }, seconds());
            runs.inc({ job, status: "ok" });
            log.info("job done", { ms: Math.round(seconds() * 1000) });
            return result;
          } catch (error) {
            duration.observe({ job }, seconds());
            runs.inc({ job, status: "failed" });
            log.error("job failed", { ms: Math.round(seconds() * 1000), error });
            throw error;
          }
        });
      };
    },
    /** Runs the scheduler skipped (already running, or a standby) never reach the wrapper. */
    observe(result: RunResult): void {
      if (result.status === "skipped") runs.inc({ job: result.job, status: "skipped" });
    },
  };
}
