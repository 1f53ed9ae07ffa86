import { aiDecisionsProjection } from "./ai-decisions/projection.ts";
import { backtestsProjection } from "./backtests/projection.ts";
import { contractsProjection } from "./contracts/projection.ts";
import { dailyReportsProjection } from "./daily-reports/projection.ts";
import { errorLogsProjection } from "./error-logs/projection.ts";
import { monthlyAnalysisProjection } from "./monthly-analysis/projection.ts";
import { notificationPreferencesProjection } from "./notification-preferences/projection.ts";
import { performanceMetricsProjection } from "./performance-metrics/projection.ts";
import type { TableProjection } from "./projection.ts";
import { scansProjection } from "./scans/projection.ts";
import { stopLossEventsProjection } from "./stop-loss-events/projection.ts";
import { tradesProjection } from "./trades/projection.ts";
import { tradingStateProjection } from "./trading-state/projection.ts";

/** Every read model. Adding one here is all it takes for start-up, replay and verify to run it. */
export const allProjections: readonly TableProjection[] = [
  contractsProjection,
  tradesProjection,
  aiDecisionsProjection,
  performanceMetricsProjection,
  monthlyAnalysisProjection,
  dailyReportsProjection,
  stopLossEventsProjection,
  errorLogsProjection,
  tradingStateProjection,
  scansProjection,
  backtestsProjection,
  notificationPreferencesProjection,
];
