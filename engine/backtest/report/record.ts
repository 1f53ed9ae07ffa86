import type { EventStore } from "../../../events/event-store.ts";
import type { ReportRun } from "./input.ts";
import type { BacktestReport } from "./types.ts";

export const backtestStream = (backtestId: string): string => `backtest-${backtestId}`;

/**
 * Appends BacktestCompleted to the store's log (the live one, where the dashboard reads it; the
 * run's own trades stay in its scratch database). The report is checked against its schema on
 * the way in, and against the run, so a report can never be filed under another run. Only the
 * report is stored: the run's configuration may carry secrets. Returns the new backtest's id.
 */
export async function recordBacktest(
  store: EventStore,
  run: Pick<ReportRun, "from" | "to" | "eventsProcessed">,
  report: BacktestReport,
  options: { backtestId?: string } = {},
): Promise<string> {
  const same =
    Date.parse(run.from) === Date.parse(report.run.from) &&
    Date.parse(run.to) === Date.parse(report.run.to) &&
    run.eventsProcessed === report.run.eventsProcessed;
  if (!same) {
    throw new Error(
      `backtest report (${report.run.from} → ${report.run.to}, ${report.run.eventsProcessed} events) is not this run's (${run.from} → ${run.to}, ${run.eventsProcessed} events)`,
    );
  }
  const backtestId = options.backtestId ?? store.context.ids.next();
  await store.append(
    backtestStream(backtestId),
    [{ type: "BacktestCompleted", data: { backtestId, report } }],
    {
      expectedVersion: "no_stream",
      actor: "backtest",
    },
  );
  return backtestId;
}
