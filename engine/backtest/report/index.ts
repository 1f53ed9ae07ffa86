/** The backtest report: compute it from a finished run, render it, record it for the dashboard. */
export { buildReport, CONVENTIONS, type ReportOptions } from "./build.ts";
export { computeReport } from "./compute.ts";
export { type KalshiHistory, loadKalshiHistory } from "./history.ts";
export { type ReportInput, type ReportRun, readRunTables } from "./input.ts";
export { backtestStream, recordBacktest } from "./record.ts";
export { type ReportFormat, renderReport } from "./render.ts";
export type { BacktestReport } from "./types.ts";
