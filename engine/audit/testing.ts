/**
 * A coherent day for audit tests, written as the engine writes it: the market observed, a scan, an
 * AI analysis picking two markets, three trades (one stopped out, one settled won, one refused by
 * risk), observations after the decision, and unrelated history around it (test/support/scenario).
 */
import type { EventStore, PendingEvent } from "../../events/event-store.ts";
import { appendToStream } from "../../events/store/append.ts";
import type { EventMetadata } from "../../events/store/types.ts";
import { buildScenario, type ScriptedAppend } from "../../test/support/scenario.ts";
import type { Database } from "../db/database.ts";
import type { Micros } from "../money/money.ts";
import { decide, type RiskCheckResult, type RiskReason } from "../risk/decide.ts";
import { RISK_CONFIG } from "../risk/testing.ts";
import type { ManualClock } from "../time/clock.ts";

export const AUDIT_START = Date.parse("2026-11-24T08:00:00.000Z");
export const SCAN_ID = "00000000-0000-4000-8000-00000000a001";
export const ANALYSIS_ID = "00000000-0000-4000-8000-00000000a002";
export const STOPPED_TRADE = "00000000-0000-4000-8000-00000000b001";
export const WON_TRADE = "00000000-0000-4000-8000-00000000b002";
export const REJECTED_TRADE = "00000000-0000-4000-8000-00000000b003";
export const TICKER_A = "KXHIGHNY-26NOV25-B45";
export const TICKER_B = "KXBTC-26NOV25-T90000";

const observe = (ticker: string, yesAsk: number, status = "active"): PendingEvent => ({
  type: "MarketObserved",
  data: {
    ticker,
    eventTicker: ticker.split("-").slice(0, 2).join("-"),
    seriesTicker: ticker.split("-")[0] ?? ticker,
    title: `Will ${ticker} happen?`,
    category: "Climate",
    status,
    closeTime: "2026-11-25T23:00:00.000Z",
    yesBid: yesAsk - 10_000,
    yesAsk,
    noBid: 1_000_000 - yesAsk,
    noAsk: 1_010_000 - yesAsk,
    yesBidSize: 50_000,
    yesAskSize: 40_000,
    lastPrice: yesAsk,
    volume: 1_000_000,
    openInterest: 500_000,
    result: "",
  },
});

const candidate = (ticker: string, side: "yes" | "no", price: number) => ({
  ticker,
  title: `Will ${ticker} happen?`,
  category: "Climate",
  seriesTicker: ticker.split("-")[0] ?? ticker,
  side,
  price,
  closeTime: "2026-11-25T23:00:00.000Z",
  hoursToClose: 39,
  entryDepth: 3_000_000_000,
  exitDepth: 2_500_000_000,
  evPerDollarAfterFees: 0.012,
  historicalWinRate: 0.94,
  evPerDollarHistorical: 0.008,
  rules: "",
});

/**
 * Risk's verdict on each scripted proposal, from decide() itself with the day's real state: the
 * first two pass every check; the third is refused because the first already holds its market.
 */
function verdictFor(tradeId: string, ticker: string, side: "yes" | "no", price: number, held: string[]) {
  const at = "2026-11-24T08:22:00.000Z";
  return decide(
    { tradeId, ticker, side, allocation: 30_000_000 as Micros, price: price as Micros },
    {
      balance: 1_000_000_000 as Micros,
      trades: held.map((id, i) => ({
        id,
        contract_id: i === 0 ? TICKER_A : TICKER_B,
        status: "open",
        proposed_at: at,
        allocation: 30_000_000,
        position_size: 29_760_000,
        entry_fees: 180_000,
        contracts_purchased: 3_200,
      })),
      tradingState: null,
    },
    { ...RISK_CONFIG, timeZone: "UTC" },
    Date.parse(at),
  );
}
export const CHECKS_A = verdictFor(STOPPED_TRADE, TICKER_A, "yes", 930_000, []).checks;
export const CHECKS_B = verdictFor(WON_TRADE, TICKER_B, "no", 900_000, [STOPPED_TRADE]).checks;
const rejection = verdictFor(REJECTED_TRADE, TICKER_A, "yes", 930_000, [STOPPED_TRADE, WON_TRADE]);
export const REJECTED_CHECKS: RiskCheckResult[] = rejection.checks;
export const REJECTED_REASONS: RiskReason[] = rejection.ok ? [] : rejection.reasons;

function proposed(
  tradeId: string,
  ticker: string,
  side: "yes" | "no",
  price: number,
  riskChecks: RiskCheckResult[] | null,
): PendingEvent {
  return {
    type: "TradeProposed",
    id: tradeId,
    data: {
      tradeId,
      analysisId: ANALYSIS_ID,
      scanId: SCAN_ID,
      ticker,
      title: `Will ${ticker} happen?`,
      category: "Climate",
      seriesTicker: ticker.split("-")[0] ?? ticker,
      side,
      allocation: 30_000_000,
      limitPrice: price,
      closeTime: "2026-11-25T23:00:00.000Z",
      confidence: 0.96,
      reasoning: `${ticker} is all but settled`,
      riskFactors: ["late data revision"],
      riskChecks,
    },
  };
}

function entry(tradeId: string, ticker: string, side: "yes" | "no", price: number): PendingEvent[] {
  const base = {
    tradeId,
    orderId: `o-${tradeId}`,
    ticker,
    side,
    action: "buy" as const,
    purpose: "entry" as const,
  };
  return [
    {
      type: "OrderPlaced",
      data: {
        ...base,
        clientOrderId: `c-${tradeId}`,
        count: 3_200,
        limitPrice: price,
        timeInForce: "immediate_or_cancel",
        mode: "paper",
      },
    },
    {
      type: "OrderFilled",
      data: {
        ...base,
        fillId: `f1-${tradeId}`,
        count: 2_000,
        price,
        fee: 110_000,
        isTaker: true,
        filledAt: "2026-11-24T08:22:01.000Z",
      },
    },
    {
      type: "OrderFilled",
      data: {
        ...base,
        fillId: `f2-${tradeId}`,
        count: 1_200,
        price,
        fee: 70_000,
        isTaker: true,
        filledAt: "2026-11-24T08:22:02.000Z",
      },
    },
  ];
}

/** 32 contracts at 93¢ plus 0.18 of entry fees. */
export const ENTRY_COST_A = 29_760_000 + 180_000;
/** Sold 32 at 79¢ with a 0.45 fee. */
export const PROCEEDS_A = 25_280_000;
export const PNL_A = PROCEEDS_A - 450_000 - ENTRY_COST_A;
export const ENTRY_COST_B = 28_800_000 + 180_000;
export const PNL_B = 32_000_000 - ENTRY_COST_B;

/** The scripted day, minutes after AUDIT_START. */
export function auditScript(): ScriptedAppend[] {
  const noise = buildScenario([
    { kind: "observe", ticker: TICKER_B, yes: 880_000, status: "active" },
    { kind: "error", source: "GET /markets" },
    { kind: "scan", count: 1 },
  ]).map((s) => ({ ...s, at: 0 }));
  return [
    ...noise,
    { stream: `market-${TICKER_A}`, at: 1, events: [observe(TICKER_A, 920_000)] },
    { stream: `market-${TICKER_A}`, at: 10, events: [observe(TICKER_A, 930_000)] },
    {
      stream: `scan-${SCAN_ID}`,
      at: 20,
      events: [
        {
          type: "CandidatesScanned",
          id: SCAN_ID,
          data: {
            scanId: SCAN_ID,
            criteria: { MIN_ODDS: "0.85", MAX_ODDS: "0.98", MIN_LIQUIDITY: "2000.00" },
            stages: [
              { name: "all", count: 512 },
              { name: "active", count: 300 },
              { name: "odds", count: 21 },
              { name: "liquidity", count: 2 },
            ],
            candidates: [candidate(TICKER_A, "yes", 930_000), candidate(TICKER_B, "no", 900_000)],
          },
        },
      ],
    },
    {
      stream: `analysis-${ANALYSIS_ID}`,
      at: 21,
      events: [
        {
          type: "AnalysisCompleted",
          id: ANALYSIS_ID,
          data: {
            analysisId: ANALYSIS_ID,
            scanId: SCAN_ID,
            selector: "ai",
            status: "accepted",
            model: "claude-sonnet-4-6",
            promptVersion: "selector-v3",
            promptHash: "9f2c0e",
            context: {},
            rawResponse: "{}",
            selections: [
              {
                ticker: TICKER_A,
                side: "yes",
                allocation: 30_000_000,
                confidence: 0.96,
                reasoning: "forecast high is 38F with a 7F margin",
                riskFactors: ["late data revision"],
              },
              {
                ticker: TICKER_B,
                side: "no",
                allocation: 30_000_000,
                confidence: 0.94,
                reasoning: "BTC 12% below the strike",
                riskFactors: [],
              },
            ],
            probabilities: [
              { ticker: TICKER_A, side: "yes", probability: 0.97 },
              { ticker: TICKER_B, side: "no", probability: 0.95 },
            ],
            strategyNotes: "two weather-like certainties",
            candidatesAnalyzed: 2,
            totalAllocated: 60_000_000,
            rejectionReasons: [],
            inputTokens: 1_800,
            outputTokens: 240,
            cost: 9_000,
            latencyMs: 2_100,
          },
        },
      ],
    },
    {
      stream: `trade-${STOPPED_TRADE}`,
      at: 22,
      events: [
        proposed(STOPPED_TRADE, TICKER_A, "yes", 930_000, CHECKS_A),
        ...entry(STOPPED_TRADE, TICKER_A, "yes", 930_000),
      ],
    },
    {
      stream: `trade-${WON_TRADE}`,
      at: 22,
      events: [
        proposed(WON_TRADE, TICKER_B, "no", 900_000, CHECKS_B),
        ...entry(WON_TRADE, TICKER_B, "no", 900_000),
      ],
    },
    {
      stream: `trade-${REJECTED_TRADE}`,
      at: 23,
      events: [
        proposed(REJECTED_TRADE, TICKER_A, "yes", 930_000, null),
        {
          type: "TradeRejected",
          data: {
            tradeId: REJECTED_TRADE,
            ticker: TICKER_A,
            side: "yes",
            allocation: 30_000_000,
            reasons: REJECTED_REASONS,
            checks: REJECTED_CHECKS,
          },
        },
      ],
    },
    { stream: `market-${TICKER_A}`, at: 30, events: [observe(TICKER_A, 800_000)] },
    {
      stream: `trade-${STOPPED_TRADE}`,
      at: 40,
      events: [
        {
          type: "StopTriggered",
          data: {
            tradeId: STOPPED_TRADE,
            ticker: TICKER_A,
            side: "yes",
            triggerPrice: 790_000,
            threshold: 800_000,
            source: "realtime",
          },
        },
        {
          type: "OrderPlaced",
          data: {
            tradeId: STOPPED_TRADE,
            clientOrderId: `s-${STOPPED_TRADE}`,
            orderId: `os-${STOPPED_TRADE}`,
            ticker: TICKER_A,
            side: "yes",
            action: "sell",
            purpose: "stop_loss",
            count: 3_200,
            limitPrice: 10_000,
            timeInForce: "immediate_or_cancel",
            mode: "paper",
          },
        },
        {
          type: "OrderFilled",
          data: {
            tradeId: STOPPED_TRADE,
            orderId: `os-${STOPPED_TRADE}`,
            fillId: `fs-${STOPPED_TRADE}`,
            ticker: TICKER_A,
            side: "yes",
            action: "sell",
            purpose: "stop_loss",
            count: 3_200,
            price: 790_000,
            fee: 450_000,
            isTaker: true,
            filledAt: "2026-11-24T08:40:00.000Z",
          },
        },
        {
          type: "PositionClosed",
          data: {
            tradeId: STOPPED_TRADE,
            ticker: TICKER_A,
            side: "yes",
            reason: "stop_loss",
            contracts: 3_200,
            entryCost: ENTRY_COST_A,
            exitPrice: 790_000,
            proceeds: PROCEEDS_A,
            fees: 630_000,
            realizedPnl: PNL_A,
          },
        },
      ],
    },
    {
      stream: `trade-${WON_TRADE}`,
      at: 60,
      events: [
        {
          type: "Resolved",
          data: {
            tradeId: WON_TRADE,
            ticker: TICKER_B,
            side: "no",
            marketResult: "no",
            outcome: "won",
            contracts: 3_200,
            entryCost: ENTRY_COST_B,
            payout: 32_000_000,
            fees: 180_000,
            realizedPnl: PNL_B,
            settledAt: "2026-11-25T23:05:00.000Z",
          },
        },
      ],
    },
  ];
}

/** Appends a script through the typed store, each step at its minute, the engine's way. */
export async function appendScript(
  store: EventStore,
  clock: ManualClock,
  script: readonly ScriptedAppend[],
  start = AUDIT_START,
): Promise<void> {
  for (const step of script) {
    clock.set(start + step.at * 60_000);
    const correlationId = step.stream.startsWith("trade-") ? ANALYSIS_ID : undefined;
    await store.append(step.stream, step.events, { correlationId });
  }
}

export const OLD_APPROVED_TRADE = "00000000-0000-4000-8000-00000000c001";
export const OLD_REJECTED_TRADE = "00000000-0000-4000-8000-00000000c002";

/**
 * Two trades exactly as an engine before recorded checks stored them (event version 1, written
 * raw so the current schema cannot fill anything in): one approved and ordered, one refused.
 */
export async function appendVersion1Trades(db: Database): Promise<void> {
  const meta = (over: Partial<EventMetadata> = {}): EventMetadata => ({
    correlationId: ANALYSIS_ID,
    causationId: null,
    actor: "engine",
    occurredAt: "2026-11-23T08:22:00.000Z",
    accountId: "acct",
    ...over,
  });
  const v1Proposal = (tradeId: string, ticker: string) => ({
    id: tradeId,
    type: "TradeProposed",
    version: 1,
    metadata: meta(),
    data: {
      tradeId,
      analysisId: null,
      scanId: null,
      ticker,
      title: `Will ${ticker} happen?`,
      category: "Climate",
      seriesTicker: ticker.split("-")[0] ?? ticker,
      side: "yes",
      allocation: 25_000_000,
      limitPrice: 910_000,
      closeTime: "2026-11-24T23:00:00.000Z",
      confidence: 0.9,
      reasoning: "old engine",
      riskFactors: [],
    },
  });
  await appendToStream(db, `trade-${OLD_APPROVED_TRADE}`, [
    v1Proposal(OLD_APPROVED_TRADE, "KXOLD-26NOV24-A"),
    {
      id: "00000000-0000-4000-8000-00000000c011",
      type: "OrderPlaced",
      version: 1,
      metadata: meta({ causationId: OLD_APPROVED_TRADE }),
      data: {
        tradeId: OLD_APPROVED_TRADE,
        clientOrderId: `c-${OLD_APPROVED_TRADE}`,
        orderId: `o-${OLD_APPROVED_TRADE}`,
        ticker: "KXOLD-26NOV24-A",
        side: "yes",
        action: "buy",
        purpose: "entry",
        count: 2_700,
        limitPrice: 910_000,
        timeInForce: "immediate_or_cancel",
        mode: "paper",
      },
    },
  ]);
  await appendToStream(db, `trade-${OLD_REJECTED_TRADE}`, [
    v1Proposal(OLD_REJECTED_TRADE, "KXOLD-26NOV24-B"),
    {
      id: "00000000-0000-4000-8000-00000000c012",
      type: "TradeRejected",
      version: 1,
      metadata: meta({ causationId: OLD_REJECTED_TRADE }),
      data: {
        tradeId: OLD_REJECTED_TRADE,
        ticker: "KXOLD-26NOV24-B",
        side: "yes",
        allocation: 25_000_000,
        reasons: [{ check: "daily_trades", detail: "3 trades already on 2026-11-23 (UTC), at most 3 a day" }],
      },
    },
  ]);
}
