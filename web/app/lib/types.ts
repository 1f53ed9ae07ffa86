/**
 * The shapes the dashboard's queries select (web/app/lib/queries.ts), written by hand from
 * schema/schema.graphql. queries.test.ts validates every document against the SDL, so a renamed
 * field fails a test instead of a page.
 */

export interface Money {
  micros: string;
  display: string;
}

export type Side = "YES" | "NO";
export type TradingMode = "PAPER" | "LIVE";
export type TradingStatus = "RUNNING" | "PAUSED" | "BREAKER_TRIPPED";
export type TradeStatus =
  | "PROPOSED"
  | "REJECTED"
  | "PENDING"
  | "OPEN"
  | "FAILED"
  | "STOPPED"
  | "CLOSED"
  | "WON"
  | "LOST"
  | "VOID";
export type TradeSort =
  | "PROPOSED_AT_DESC"
  | "PROPOSED_AT_ASC"
  | "CLOSED_AT_DESC"
  | "PNL_DESC"
  | "PNL_ASC"
  | "CLOSE_TIME_ASC";
export type StoryStepKind =
  | "MARKET_OBSERVED"
  | "SCAN"
  | "ANALYSIS"
  | "PROPOSED"
  | "RISK_PASSED"
  | "RISK_REJECTED"
  | "ORDER_PLACED"
  | "ORDER_FILLED"
  | "ORDER_FAILED"
  | "STOP_TRIGGERED"
  | "POSITION_CLOSED"
  | "RESOLVED";
export type HealthStatus = "OK" | "DEGRADED" | "DOWN";

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: T[];
}

export interface TradingState {
  status: TradingStatus;
  reason: string | null;
  breaker: string | null;
  since: string | null;
  pausedUntil: string | null;
}

export interface EquityPoint {
  date: string;
  cumulativePnl: Money;
  equity: Money | null;
}

export interface DailyPnl {
  date: string;
  pnl: Money;
  trades: number;
  wins: number;
  losses: number;
}

export interface Overview {
  asOf: string;
  mode: TradingMode;
  balance: Money | null;
  balanceSource: "PAPER_LEDGER" | "MORNING_REPORT" | "UNAVAILABLE";
  balanceAsOf: string | null;
  bankroll: Money | null;
  totalPnl: Money;
  realizedPnl: Money;
  unrealizedPnl: Money;
  feesPaid: Money;
  invested: Money;
  winRate: number | null;
  roi: number | null;
  wins: number;
  losses: number;
  voids: number;
  stopLosses: number;
  closedTrades: number;
  openPositionCount: number;
  unpricedPositions: number;
  openCost: Money;
  openValue: Money;
  tradingState: TradingState;
  equityCurve: EquityPoint[];
  dailyPnl: DailyPnl[];
}

export interface Position {
  tradeId: string;
  ticker: string;
  title: string;
  side: Side;
  contracts: string;
  entryPrice: Money | null;
  entryCost: Money;
  bid: Money | null;
  marketValue: Money | null;
  unrealizedPnl: Money | null;
  unrealizedPnlPct: number | null;
  closeTime: string;
  quotedAt: string | null;
}

export interface TradeRow {
  id: string;
  ticker: string;
  title: string;
  category: string;
  side: Side;
  status: TradeStatus;
  proposedAt: string;
  closedAt: string | null;
  closeTime: string;
  allocation: Money;
  entryPrice: Money | null;
  contractsPurchased: string;
  contractsHeld: string;
  entryCost: Money;
  realizedPnl: Money | null;
  unrealizedPnl: Money | null;
  roi: number | null;
  aiConfidence: number;
}

export interface RiskCheckResult {
  check: string;
  passed: boolean;
  detail: string | null;
}

export interface StoryEvent {
  id: string;
  type: string;
  position: string;
  data: unknown;
  actor: string;
  occurredAt: string;
}

export interface StoryStep {
  kind: StoryStepKind;
  at: string;
  summary: string;
  event: StoryEvent | null;
  checks: RiskCheckResult[] | null;
}

export interface ScanStage {
  name: string;
  count: number;
  dropped: number;
}

export interface TradeDetail extends TradeRow {
  seriesTicker: string;
  executedAt: string | null;
  limitPrice: Money;
  exitPrice: Money | null;
  contractsSold: string;
  positionSize: Money;
  entryFees: Money;
  exitProceeds: Money;
  exitFees: Money;
  aiReasoning: string;
  riskFactors: string[];
  rejectionReasons: { check: string; detail: string }[];
  orderId: string | null;
  clientOrderId: string | null;
  stopTriggeredAt: string | null;
  correlationId: string;
  market: {
    question: string;
    subtitle: string;
    status: string;
    result: string;
    yesBid: Money | null;
    yesAsk: Money | null;
    noBid: Money | null;
    noAsk: Money | null;
    volume: string;
    openInterest: string;
    observedAt: string;
  } | null;
  decision: {
    id: string;
    runAt: string;
    selector: string;
    status: string;
    model: string | null;
    candidatesAnalyzed: number;
    inputTokens: number;
    outputTokens: number;
    cost: Money;
    scan: { id: string; scannedAt: string; candidateCount: number; stages: ScanStage[] } | null;
  } | null;
  story: StoryStep[];
}

export interface Pick {
  ticker: string;
  side: Side;
  allocation: Money;
  confidence: number;
  reasoning: string;
  riskFactors: string[];
}

export interface Decision {
  id: string;
  runAt: string;
  selector: string;
  status: string;
  model: string | null;
  promptVersion: string | null;
  candidatesAnalyzed: number;
  picksCount: number;
  totalAllocated: Money;
  picks: Pick[];
  probabilities: { ticker: string; side: Side; probability: number }[];
  strategyNotes: string;
  rejectionReasons: string[];
  inputTokens: number;
  outputTokens: number;
  cost: Money;
  latencyMs: number;
  trades: { id: string; ticker: string; status: TradeStatus }[];
}

export interface ReliabilityBucket {
  lower: number;
  upper: number;
  count: number;
  meanProbability: number | null;
  observedFrequency: number | null;
}

export interface Calibration {
  points: number;
  brier: number | null;
  buckets: ReliabilityBucket[];
  byModel: {
    selector: string;
    model: string | null;
    promptVersion: string | null;
    count: number;
    brier: number;
    meanProbability: number;
    observedFrequency: number;
  }[];
}

export interface Candidate {
  ticker: string;
  title: string;
  category: string;
  seriesTicker: string;
  side: Side;
  price: Money;
  closeTime: string;
  hoursToClose: number;
  entryDepth: Money;
  exitDepth: Money;
  evPerDollarAfterFees: number;
  historicalWinRate: number | null;
}

export interface Scan {
  id: string;
  scannedAt: string;
  criteria: { name: string; value: string }[];
  stages: ScanStage[];
  candidateCount: number;
  candidates: Candidate[];
}

export interface ScanSummary {
  id: string;
  scannedAt: string;
  candidateCount: number;
}

export interface DryRunDecision {
  selector: string;
  status: string;
  model: string | null;
  candidatesAnalyzed: number;
  picks: Pick[];
  strategyNotes: string;
  inputTokens: number;
  outputTokens: number;
  cost: Money;
  latencyMs: number;
}

export interface ScanRun {
  scanId: string;
  dryRun: boolean;
  scan: Scan;
  decision: DryRunDecision;
}

export interface MonthlyAnalysis {
  month: string;
  reportId: string;
  generatedAt: string;
  totalTrades: number;
  totalInvested: Money;
  totalPnl: Money;
  winRate: number | null;
  avgRoi: number | null;
  marketTypeAnalysis: unknown;
  seriesAnalysis: unknown;
  topMarketTypes: unknown;
  worstMarketTypes: unknown;
  insights: string;
}

export interface ErrorLog {
  id: string;
  at: string;
  source: string;
  message: string;
  stack: string | null;
  context: unknown;
}

export interface HealthCheck {
  status: HealthStatus;
  detail: string;
}

export interface Health {
  ready: boolean;
  database: HealthCheck;
  exchange: HealthCheck;
  ai: HealthCheck;
  schedules: { job: string; next: string | null; running: boolean }[];
  projectionLag: number;
  leader: boolean;
  jobs: string[];
}

export interface Config {
  accountId: string;
  timezone: string;
  logLevel: string;
  trading: {
    mode: TradingMode;
    dailyBudget: Money;
    minOdds: Money;
    maxOdds: Money;
    maxDaysToResolution: number;
    minLiquidity: Money;
    minPositionSize: Money;
    maxPositionSize: Money;
    maxTradesPerDay: number;
    stopLossThreshold: Money;
    maxLossesInStreak: number;
    maxStopLosses24h: number;
    paperStartingBalance: Money;
  };
  database: { kind: string; dataDir: string | null; url: string | null; passwordConfigured: boolean | null };
  server: { host: string; port: number; dashboardPasswordConfigured: boolean; apiTokenConfigured: boolean };
  kalshi: {
    env: string;
    restUrl: string;
    wsUrl: string;
    tier: string;
    apiKeyId: string | null;
    privateKeyConfigured: boolean;
  };
  ai: {
    enabled: boolean;
    keySource: string | null;
    baseUrl: string | null;
    model: string;
    timeoutMs: number;
    maxRetries: number;
    dailyCostCap: Money;
  };
  schedules: {
    timezone: string;
    refreshMarkets: string;
    dailyScan: string;
    morningReport: string;
    stopLoss: string;
    checkResolutions: string;
    monthlyAnalysis: string;
  };
  notify: {
    slackConfigured: boolean;
    discordConfigured: boolean;
    telegramConfigured: boolean;
    webhookConfigured: boolean;
  };
  variables: { name: string; source: string; value: string | null }[];
}

export type NotificationChannel = "SLACK" | "DISCORD" | "TELEGRAM" | "WEBHOOK";
export type NotificationKind = "TRADE" | "STOP_LOSS" | "RESOLUTION" | "BREAKER" | "ERROR" | "REPORT";

/** One channel on the Settings page; `destination` is already masked by the engine. */
export interface NotificationSettings {
  channel: NotificationChannel;
  configured: boolean;
  destination: string | null;
  enabled: boolean;
  kinds: NotificationKind[];
  quietHours: { start: string; end: string } | null;
  timezone: string;
  updatedAt: string | null;
}
