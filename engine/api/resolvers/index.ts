import { servedAccountOnly } from "../account/guard.ts";
import { closePosition } from "./mutation/close-position.ts";
import { login } from "./mutation/login.ts";
import { logout } from "./mutation/logout.ts";
import { pauseTrading } from "./mutation/pause-trading.ts";
import { resumeTrading } from "./mutation/resume-trading.ts";
import { runJob } from "./mutation/run-job.ts";
import { runScan } from "./mutation/run-scan.ts";
import { setNotificationPreferences } from "./mutation/set-notification-preferences.ts";
import { accounts } from "./query/accounts.ts";
import { backtest } from "./query/backtest.ts";
import { backtests } from "./query/backtests.ts";
import { calibration } from "./query/calibration.ts";
import { config } from "./query/config.ts";
import { dailyReports } from "./query/daily-reports.ts";
import { decisions } from "./query/decisions.ts";
import { errors } from "./query/errors.ts";
import { events } from "./query/events.ts";
import { health } from "./query/health.ts";
import { monthlyAnalyses } from "./query/monthly-analyses.ts";
import { notificationSettings } from "./query/notification-settings.ts";
import { overview } from "./query/overview.ts";
import { positions } from "./query/positions.ts";
import { scan } from "./query/scan.ts";
import { scans } from "./query/scans.ts";
import { stopLossEvents } from "./query/stop-loss-events.ts";
import { trade } from "./query/trade.ts";
import { trades } from "./query/trades.ts";
import { logAppended } from "./subscription/log-appended.ts";
import { overviewChanged } from "./subscription/overview-changed.ts";
import { Backtest } from "./types/backtest.ts";
import { Decision } from "./types/decision.ts";
import { enums } from "./types/enums.ts";
import { ErrorLog } from "./types/error-log.ts";
import { Event } from "./types/event.ts";
import { Market } from "./types/market.ts";
import { Money } from "./types/money.ts";
import { Position } from "./types/position.ts";
import { ProposalOutcome } from "./types/proposal-outcome.ts";
import { DailyReport, MonthlyAnalysis } from "./types/reports.ts";
import { DateScalar, DateTime, JSONScalar } from "./types/scalars.ts";
import { Scan } from "./types/scan.ts";
import { StopLossEvent } from "./types/stop-loss.ts";
import { Trade } from "./types/trade.ts";

/** One resolver per file; this only assembles the map schema/schema.graphql is bound to. */
export const resolvers = {
  DateTime,
  Date: DateScalar,
  JSON: JSONScalar,
  ...enums,
  Query: {
    overview,
    trades,
    trade,
    positions,
    decisions,
    calibration,
    scan,
    scans,
    monthlyAnalyses,
    backtests,
    backtest,
    dailyReports,
    stopLossEvents,
    errors,
    events,
    config,
    health,
    notificationSettings,
    accounts,
  },
  Mutation: {
    // Acting for an account: only the one this engine serves (account/guard.ts).
    ...servedAccountOnly({
      runScan,
      pauseTrading,
      resumeTrading,
      closePosition,
      runJob,
      setNotificationPreferences,
    }),
    login,
    logout,
  },
  Subscription: { logAppended, overviewChanged },
  Money,
  Trade,
  Market,
  Position,
  Decision,
  Scan,
  MonthlyAnalysis,
  Backtest,
  DailyReport,
  StopLossEvent,
  ErrorLog,
  Event,
  ProposalOutcome,
};
