export {
  BUCKET_WIDTH,
  bucketOf,
  type Calibration,
  type CalibrationBucket,
  calibration,
} from "./calibration.ts";
export {
  buildDailyReport,
  closedOn,
  type DailyMetrics,
  type DailyReportInput,
  dailyMetrics,
  dailySummary,
  type ReportGeneratedData,
} from "./daily.ts";
export {
  CALIBRATION_TOLERANCE,
  insights,
  MIN_CALIBRATION_TRADES,
  type RankedMarketType,
} from "./insights.ts";
export {
  buildMonthlyReport,
  type MonthlyBody,
  type MonthlyReportInput,
  previousMonth,
  RANKED_TYPES,
  type SeriesStats,
} from "./monthly.ts";
export {
  type ActivityLine,
  buildMorningReport,
  type MorningBody,
  type MorningReportInput,
  type OpenPositionLine,
  openPosition,
} from "./morning.ts";
export { type ReportKind, reportIdFor } from "./report-id.ts";
export { groupBy, type TradeStats, tradeStats } from "./stats.ts";
export {
  type ClosedTrade,
  closedTrade,
  feesPaid,
  invested,
  type Outcome,
  type ReportTradeRow,
} from "./trade-row.ts";
