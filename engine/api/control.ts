import type { AnalysisResult } from "../analyst/types.ts";
import type { PreferencesInput } from "../notify/preferences.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import type { RunResult } from "../schedule/scheduler.ts";
import type { ScanOutput } from "../strategy/scanner/scan.ts";
import type { ProposalOutcome } from "../trading/execute-proposal.ts";

/** One health probe: ok, degraded (works, with a caveat) or down, and why. */
export interface HealthCheck {
  status: "ok" | "degraded" | "down";
  detail: string;
}

export interface HealthReport {
  database: HealthCheck;
  exchange: HealthCheck;
  ai: HealthCheck;
  schedules: { job: string; next: string | null; running: boolean }[];
  /** Events in the log the projections have not applied yet (incl. those held back by an open transaction). */
  projectionLag: number;
  leader: boolean;
}

/**
 * What the API may ask the running engine to do. The engine implements it (engine/app.ts); the
 * GraphQL mutations call it and nothing else, so the API never writes a table or an event itself.
 */
export interface EngineControl {
  runScan(
    dryRun: boolean,
  ): Promise<{ scanId: string; scan: ScanOutput; analysis: AnalysisResult; outcomes: ProposalOutcome[] }>;
  pauseTrading(reason: string): Promise<void>;
  resumeTrading(reason: string): Promise<void>;
  closePosition(tradeId: string): Promise<TradeRow | null>;
  runJob(name: string): Promise<RunResult>;
  /** Appends NotificationPreferencesSet as the user and catches the projections up. */
  setNotificationPreferences(prefs: PreferencesInput): Promise<void>;
  jobNames(): readonly string[];
  health(): Promise<HealthReport>;
}
