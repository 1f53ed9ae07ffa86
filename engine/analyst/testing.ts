/** Fixtures shared by the analyst's tests: candidates, limits, trade history and AI configuration. */
import type { AiConfig } from "../config/config.ts";
import { dollars, type Micros, micros } from "../money/money.ts";
import type { TradeHistoryRow } from "./context/history.ts";
import type { Candidate, SelectionLimits, SelectorInput } from "./types.ts";

export const T0 = "2026-01-15T08:00:00.000Z";

export function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    ticker: "KXHIGHNY-26JAN16-T40",
    title: "Will the high temperature in NYC be above 40°F on Jan 16, 2026?",
    category: "Climate and Weather",
    seriesTicker: "KXHIGHNY",
    side: "yes",
    price: 950_000,
    closeTime: "2026-01-16T23:59:00Z",
    hoursToClose: 40,
    entryDepth: 5_000_000_000,
    exitDepth: 4_000_000_000,
    evPerDollarAfterFees: -0.0035,
    historicalWinRate: null,
    evPerDollarHistorical: null,
    rules: "Resolves Yes if the NWS Central Park high exceeds 40°F.",
    ...overrides,
  };
}

export const candidates = (): Candidate[] => [
  candidate(),
  candidate({
    ticker: "KXNBAGAME-26JAN15-LAL",
    title: "Will the Lakers beat the Wizards on Jan 15?",
    category: "Sports",
    seriesTicker: "KXNBAGAME",
    side: "yes",
    price: 920_000,
    closeTime: "2026-01-16T04:00:00Z",
    entryDepth: 3_000_000_000,
    exitDepth: 2_500_000_000,
    evPerDollarAfterFees: -0.006,
    rules: "Resolves Yes if the Los Angeles Lakers win.",
  }),
  candidate({
    ticker: "KXFED-26JAN-H0",
    title: "Will the Fed hike rates in January 2026?",
    category: "Economics",
    seriesTicker: "KXFED",
    side: "no",
    price: 970_000,
    closeTime: "2026-01-16T19:00:00Z",
    entryDepth: 9_000_000_000,
    exitDepth: 8_000_000_000,
    evPerDollarAfterFees: -0.0021,
    rules: "Resolves Yes if the FOMC raises the target rate.",
  }),
];

export function limits(overrides: Partial<SelectionLimits> = {}): SelectionLimits {
  return {
    dailyBudget: dollars(100),
    remainingBudget: dollars(100),
    minPositionSize: dollars(20),
    maxPositionSize: dollars(50),
    maxTradesPerDay: 3,
    tradesRemaining: 3,
    ...overrides,
  };
}

let tradeSeq = 0;
export function trade(overrides: Partial<TradeHistoryRow> = {}): TradeHistoryRow {
  tradeSeq++;
  return {
    id: `trade-${String(tradeSeq).padStart(4, "0")}`,
    ticker: `KXTEST-${tradeSeq}`,
    title: "Test market",
    category: "Sports",
    seriesTicker: "KXTEST",
    side: "yes",
    status: "won",
    proposedAt: "2026-01-10T08:00:00.000Z",
    executedAt: "2026-01-10T08:00:05.000Z",
    resolvedAt: "2026-01-11T08:00:00.000Z",
    entryPrice: micros(930_000),
    positionSize: dollars(30),
    pnl: micros(2_000_000),
    confidence: 0.92,
    reasoning: "Strong favourite.",
    riskFactors: [],
    ...overrides,
  };
}

export function selectorInput(overrides: Partial<SelectorInput> = {}): SelectorInput {
  return {
    analysisId: "analysis-1",
    scanId: "scan-1",
    candidates: candidates(),
    history: [],
    bankroll: dollars(1000),
    limits: limits(),
    aiSpentToday: 0 as Micros,
    ...overrides,
  };
}

/** A key shaped like Anthropic's, unique per test run, so a leak is found by plain search. */
export const TEST_KEY = `sk-ant-api03-test-${crypto.randomUUID()}`;

export function aiConfig(overrides: Partial<AiConfig> = {}): AiConfig {
  return {
    apiKey: TEST_KEY,
    keySource: "anthropic",
    baseUrl: null,
    // Not the config default: the SDK warns on every call that claude-sonnet-4-5 is deprecated.
    model: "claude-sonnet-4-6",
    timeoutMs: 2_000,
    maxRetries: 2,
    dailyCostCap: dollars(5),
    ...overrides,
  };
}
