import { buildReport, type ReportOptions } from "./build.ts";
import { type KalshiHistory, loadKalshiHistory } from "./history.ts";
import { type ReportRun, readRunTables } from "./input.ts";
import type { BacktestReport } from "./types.ts";

/**
 * The report of a finished run: reads its scratch database's trades and market results once,
 * then computes everything in memory (buildReport). `history` defaults to the Kalshi win-rate
 * file (or its embedded copy when the file is missing). Only the named figures of the run are
 * read: a whole BacktestRun may be passed, its configuration (and any secret in it) goes nowhere.
 */
export async function computeReport(
  run: ReportRun,
  options: ReportOptions & { history?: KalshiHistory } = {},
): Promise<BacktestReport> {
  const tables = await readRunTables(run.db);
  return buildReport(
    {
      parameters: run.parameters,
      from: run.from,
      to: run.to,
      source: run.source,
      selector: run.selector,
      eventsProcessed: run.eventsProcessed,
      equity: run.equity,
      startingBalanceMicros: run.startingBalanceMicros,
      aiSpentMicros: run.aiSpentMicros,
      ...tables,
    },
    options.history ?? loadKalshiHistory(),
    options,
  );
}
