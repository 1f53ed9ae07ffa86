import type { AnalysisResult } from "../../analyst/types.ts";
import type { PreferencesInput } from "../../notify/preferences.ts";
import type { TradeRow } from "../../projections/trades/projection.ts";
import type { RunResult } from "../../schedule/scheduler.ts";
import type { ScanOutput } from "../../strategy/scanner/scan.ts";
import type { ProposalOutcome } from "../../trading/execute-proposal.ts";
import type { EngineControl, HealthReport } from "../control.ts";
import { IDS, type SeededHistory, TICKERS } from "./seed.ts";

/**
 * EngineControl as a hand-written double: the one place a fake is right, because the real engine
 * is wired by the lead (engine/control.ts). It records every call, and — given the seeded
 * history — appends the events the engine would (pause/resume/close), so what the API reads back
 * after a mutation is real projection state.
 */
export class FakeControl implements EngineControl {
  readonly calls: { method: string; args: unknown[] }[] = [];
  healthReport: HealthReport = {
    database: { status: "ok", detail: "reachable" },
    exchange: { status: "ok", detail: "trading active" },
    ai: { status: "degraded", detail: "no AI key: the rules-based selector decides" },
    schedules: [{ job: "daily-scan", next: "2026-11-23T09:00:00.000Z", running: false }],
    projectionLag: 0,
    leader: true,
  };
  /** Resolves runScan only when released: for the concurrent-scan test. */
  scanGate: Promise<void> | null = null;
  closeResult: "close" | "busy" = "close";
  jobError: Error | null = null;

  constructor(private readonly history: SeededHistory | null = null) {}

  async runScan(dryRun: boolean) {
    this.calls.push({ method: "runScan", args: [dryRun] });
    if (this.scanGate) await this.scanGate;
    const candidate = {
      ticker: TICKERS.open,
      title: "Will it?",
      category: "Economics",
      seriesTicker: "KXHIGHNY",
      side: "yes" as const,
      price: 950_000,
      closeTime: "2026-11-26T00:00:00.000Z",
      hoursToClose: 30,
      entryDepth: 100_000_000,
      exitDepth: 90_000_000,
      evPerDollarAfterFees: 0.01,
      historicalWinRate: 0.95,
      evPerDollarHistorical: 0.008,
      rules: "",
    };
    const scan: ScanOutput = {
      event: {
        scanId: "scan-fake",
        criteria: { MIN_ODDS: "0.85" },
        stages: [
          { name: "all markets", count: 10 },
          { name: "price band", count: 1 },
        ],
        candidates: [candidate],
      },
      scored: [],
      explain: [],
    };
    const analysis: AnalysisResult = {
      analysisId: "analysis-fake",
      scanId: "scan-fake",
      selector: "rules",
      status: "accepted",
      model: null,
      promptVersion: null,
      promptHash: null,
      context: null,
      rawResponse: "",
      selections: [
        {
          ticker: TICKERS.open,
          side: "yes",
          allocation: 20_000_000,
          confidence: 0.95,
          reasoning: "r",
          riskFactors: [],
        },
      ],
      probabilities: [{ ticker: TICKERS.open, side: "yes", probability: 0.95 }],
      strategyNotes: "",
      candidatesAnalyzed: 1,
      totalAllocated: 20_000_000,
      rejectionReasons: [],
      inputTokens: 0,
      outputTokens: 0,
      cost: 0,
      latencyMs: 1,
    };
    const outcomes: ProposalOutcome[] = dryRun
      ? []
      : [{ tradeId: IDS.openTrade, ticker: TICKERS.open, status: "filled", contracts: 2100 }];
    return { scanId: "scan-fake", scan, analysis, outcomes };
  }

  async pauseTrading(reason: string) {
    this.calls.push({ method: "pauseTrading", args: [reason] });
    await this.history?.append("trading-state", [
      { type: "TradingPaused", data: { reason, pausedUntil: null } },
    ]);
  }

  async resumeTrading(reason: string) {
    this.calls.push({ method: "resumeTrading", args: [reason] });
    await this.history?.append("trading-state", [{ type: "TradingResumed", data: { reason } }]);
  }

  async closePosition(tradeId: string): Promise<TradeRow | null> {
    this.calls.push({ method: "closePosition", args: [tradeId] });
    if (this.closeResult === "busy" || !this.history) return null;
    await this.history.append(`trade-${tradeId}`, [
      {
        type: "PositionClosed",
        data: {
          tradeId,
          ticker: TICKERS.open,
          side: "yes",
          reason: "manual",
          contracts: 5000,
          entryCost: 47_520_000,
          exitPrice: 960_000,
          proceeds: 48_000_000,
          fees: 40_000,
          realizedPnl: 440_000,
        },
      },
    ]);
    const [row] = await this.history.store.db.query<{ r: TradeRow }>(
      "SELECT to_jsonb(t) AS r FROM trades t WHERE id = $1",
      [tradeId],
    );
    return row?.r ?? null;
  }

  async setNotificationPreferences(prefs: PreferencesInput) {
    this.calls.push({ method: "setNotificationPreferences", args: [prefs] });
    await this.history?.append("notification-preferences", [
      { type: "NotificationPreferencesSet", data: prefs },
    ]);
  }

  async runJob(name: string): Promise<RunResult> {
    this.calls.push({ method: "runJob", args: [name] });
    if (this.jobError)
      return { job: name, status: "failed", startedAt: 1000, finishedAt: 1500, error: this.jobError };
    return { job: name, status: "ok", startedAt: 1000, finishedAt: 1250, result: { done: true } };
  }

  jobNames(): readonly string[] {
    return ["refresh-markets", "daily-scan", "stop-loss", "morning-report"];
  }

  async health(): Promise<HealthReport> {
    this.calls.push({ method: "health", args: [] });
    return this.healthReport;
  }
}
