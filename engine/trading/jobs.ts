import type { Config } from "../config/index.ts";
import { loadKnownMarkets } from "../market-data/known-markets.ts";
import { type CatalogSource, type EventDirectory, syncMarkets } from "../market-data/sync.ts";
import type { ScheduledJob } from "../schedule/scheduler.ts";
import { checkStops } from "./check-stops.ts";
import type { TradingDeps } from "./deps.ts";
import { monthlyAnalysis, morningReport } from "./reports.ts";
import { resolveTrades } from "./resolve-trades.ts";
import { runScan } from "./run-scan.ts";

export const JOB_NAMES = [
  "refresh-markets",
  "daily-scan",
  "morning-report",
  "stop-loss",
  "check-resolutions",
  "monthly-analysis",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

/** Market sync needs the catalog and an event directory on top of the trading deps. */
export interface JobDeps extends TradingDeps {
  catalog: CatalogSource;
  directory: EventDirectory;
}

/** What each job does, by name: the scheduler runs them, and so do `run <job>` and `runJob`. */
export function jobRunners(deps: JobDeps): Record<JobName, () => Promise<unknown>> {
  return {
    "refresh-markets": async () => {
      await deps.projector.catchUp();
      const result = await syncMarkets({
        source: deps.catalog,
        directory: deps.directory,
        store: deps.store,
        known: await loadKnownMarkets(deps.db),
      });
      await deps.projector.catchUp();
      return result;
    },
    "daily-scan": async () => {
      const run = await runScan(deps);
      return {
        scanId: run.scanId,
        candidates: run.scan.event.candidates.length,
        picks: run.analysis.selections.length,
        outcomes: run.outcomes,
      };
    },
    "morning-report": () => morningReport(deps),
    "stop-loss": () => checkStops(deps),
    "check-resolutions": () => resolveTrades(deps),
    "monthly-analysis": () => monthlyAnalysis(deps),
  };
}

/** The seed's timetable, from configuration (each schedule is validated at start-up). */
export function scheduledJobs(
  config: Config,
  runners: Record<JobName, () => Promise<unknown>>,
): ScheduledJob[] {
  const s = config.schedules;
  const schedule: Record<JobName, string> = {
    "refresh-markets": s.refreshMarkets,
    "daily-scan": s.dailyScan,
    "morning-report": s.morningReport,
    "stop-loss": s.stopLoss,
    "check-resolutions": s.checkResolutions,
    "monthly-analysis": s.monthlyAnalysis,
  };
  return JOB_NAMES.map((name) => ({ name, schedule: schedule[name], run: runners[name] }));
}
