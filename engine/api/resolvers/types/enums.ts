/**
 * Enum values on the wire are UPPER_CASE; the projections store lower-case text. Mapping them here
 * lets every resolver return the stored value as it is.
 */
export const enums = {
  Side: { YES: "yes", NO: "no" },
  TradeStatus: {
    PROPOSED: "proposed",
    REJECTED: "rejected",
    PENDING: "pending",
    OPEN: "open",
    FAILED: "failed",
    STOPPED: "stopped",
    CLOSED: "closed",
    WON: "won",
    LOST: "lost",
    VOID: "void",
  },
  TradingStatus: { RUNNING: "running", PAUSED: "paused", BREAKER_TRIPPED: "breaker" },
  TradingMode: { PAPER: "paper", LIVE: "live" },
  ReportKind: { MORNING: "morning", DAILY: "daily" },
  HealthStatus: { OK: "ok", DEGRADED: "degraded", DOWN: "down" },
  ProposalStatus: {
    REJECTED: "rejected",
    FILLED: "filled",
    PARTIAL: "partial",
    UNFILLED: "unfilled",
    FAILED: "failed",
  },
  JobRunStatus: { OK: "ok", FAILED: "failed", SKIPPED: "skipped" },
  NotificationChannel: { SLACK: "slack", DISCORD: "discord", TELEGRAM: "telegram", WEBHOOK: "webhook" },
  NotificationKind: {
    TRADE: "trade",
    STOP_LOSS: "stop_loss",
    RESOLUTION: "resolution",
    BREAKER: "breaker",
    ERROR: "error",
    REPORT: "report",
  },
};
