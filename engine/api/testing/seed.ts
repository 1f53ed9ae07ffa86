import { EventStore, type PendingEvent } from "../../../events/event-store.ts";
import { eventsBeyondHorizon } from "../../../events/store/read.ts";
import type { Database } from "../../db/database.ts";
import { allProjections } from "../../projections/index.ts";
import { Projector } from "../../projections/projector.ts";
import type { RiskCheckResult } from "../../risk/decide.ts";
import { approvedChecks, budgetRejectedChecks } from "../../risk/testing.ts";
import { ManualClock } from "../../time/clock.ts";
import type { IdGenerator } from "../../time/random.ts";

/**
 * A coherent trading history as the engine writes it (engine/trading/*): markets observed, a scan,
 * a selector run whose picks become trades (correlated by the analysis id), risk rejecting one,
 * fills, a stop-loss, settlements, a pause, reports and errors; then `bulk` more settled trades
 * across days for pagination and the equity curve. Appended through EventStore, projected with
 * the real Projector: the API reads exactly what production would.
 */
export const ACCOUNT = "acct-api-test";
export const START = "2026-11-20T08:00:00.000Z";

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export const IDS = {
  scan1: uuid(0xa001),
  analysis1: uuid(0xa002),
  openTrade: uuid(0xb001),
  wonTrade: uuid(0xb002),
  rejectedTrade: uuid(0xb003),
  scan2: uuid(0xa003),
  analysis2: uuid(0xa004),
  stoppedTrade: uuid(0xb004),
  lostTrade: uuid(0xb005),
};

export const TICKERS = {
  open: "KXHIGHNY-26NOV25-B45",
  won: "KXBTC-26NOV25-T90000",
  rejected: "KXNBA-26NOV25-LAL",
  stopped: "KXFED-26DEC-H0",
  lost: "KXCPI-26NOV-T3",
};

/** A MarketObserved as the market sync appends it (also for tests that move a price later). */
export function market(
  ticker: string,
  yesBid: number,
  extra: Partial<Record<string, unknown>> = {},
): PendingEvent {
  return {
    type: "MarketObserved",
    data: {
      ticker,
      eventTicker: ticker.split("-").slice(0, 2).join("-"),
      seriesTicker: ticker.split("-")[0] ?? ticker,
      title: `Will ${ticker} happen?`,
      category: "Economics",
      status: "active",
      closeTime: "2026-11-26T00:00:00.000Z",
      yesBid,
      yesAsk: yesBid + 10_000,
      noBid: 990_000 - yesBid,
      noAsk: 1_000_000 - yesBid,
      yesBidSize: 50_000,
      yesAskSize: 40_000,
      lastPrice: yesBid + 5_000,
      volume: 1_000_000,
      openInterest: 400_000,
      rules: "Resolves per the source.",
      ...extra,
    } as never,
  };
}

const candidate = (ticker: string, side: "yes" | "no", price: number) => ({
  ticker,
  title: `Will ${ticker} happen?`,
  category: "Economics",
  seriesTicker: ticker.split("-")[0] ?? ticker,
  side,
  price,
  closeTime: "2026-11-26T00:00:00.000Z",
  hoursToClose: 40,
  entryDepth: 500_000_000,
  exitDepth: 400_000_000,
  evPerDollarAfterFees: 0.012,
  historicalWinRate: 0.96,
  evPerDollarHistorical: 0.01,
  rules: "",
});

interface TradeSpec {
  id: string;
  ticker: string;
  side: "yes" | "no";
  price: number;
  contracts: number;
  analysisId: string | null;
  scanId: string | null;
}

/** An approved proposal carries risk's checks; a refused one's are on its TradeRejected. */
function proposed(t: TradeSpec, riskChecks: RiskCheckResult[] | null = approvedChecks()): PendingEvent {
  return {
    type: "TradeProposed",
    id: t.id,
    data: {
      tradeId: t.id,
      analysisId: t.analysisId,
      scanId: t.scanId,
      ticker: t.ticker,
      title: `Will ${t.ticker} happen?`,
      category: "Economics",
      seriesTicker: t.ticker.split("-")[0] ?? t.ticker,
      side: t.side,
      allocation: 50_000_000,
      limitPrice: t.price,
      closeTime: "2026-11-26T00:00:00.000Z",
      confidence: 0.93,
      reasoning: `Strong favourite on ${t.ticker}`,
      riskFactors: ["late news"],
      riskChecks,
    },
  };
}

const placed = (t: TradeSpec, purpose: "entry" | "stop_loss" = "entry"): PendingEvent => ({
  type: "OrderPlaced",
  data: {
    tradeId: t.id,
    clientOrderId: `${purpose}-${t.id}`,
    orderId: `o-${purpose}-${t.id}`,
    ticker: t.ticker,
    side: t.side,
    action: purpose === "entry" ? "buy" : "sell",
    purpose,
    count: t.contracts * 100,
    limitPrice: t.price,
    timeInForce: "immediate_or_cancel",
    mode: "paper",
  },
});

const filled = (
  t: TradeSpec,
  fill: string,
  count: number,
  price: number,
  action: "buy" | "sell",
  at: string,
): PendingEvent => ({
  type: "OrderFilled",
  data: {
    tradeId: t.id,
    orderId: `o-${action}-${t.id}`,
    fillId: fill,
    ticker: t.ticker,
    side: t.side,
    action,
    purpose: action === "buy" ? "entry" : "stop_loss",
    count,
    price,
    fee: 10_000,
    isTaker: true,
    filledAt: at,
  },
});

export interface SeededHistory {
  store: EventStore;
  clock: ManualClock;
  projector: Projector;
  /** Moves the clock, appends, and projects: for tests that add events later. */
  append(stream: string, events: PendingEvent[], correlationId?: string): Promise<void>;
}

export async function seedHistory(db: Database, options: { bulk?: number } = {}): Promise<SeededHistory> {
  const clock = new ManualClock(START);
  let next = 0x100000;
  const ids: IdGenerator = { next: () => uuid(next++) };
  const store = new EventStore(db, { clock, ids, accountId: ACCOUNT, actor: "engine" });
  const projector = new Projector(db, allProjections);
  const at = () => new Date(clock.now()).toISOString();
  const put = async (
    stream: string,
    events: PendingEvent[],
    correlationId?: string,
    causationId?: string,
  ) => {
    clock.advance(60_000);
    await store.append(stream, events, { correlationId, causationId });
  };

  // Day 1: the market as the scanner saw it.
  await put(`market-${TICKERS.open}`, [market(TICKERS.open, 930_000)]);
  await put(`market-${TICKERS.open}`, [market(TICKERS.open, 940_000)]);
  await put(`market-${TICKERS.won}`, [market(TICKERS.won, 40_000)]);
  await put(`market-${TICKERS.rejected}`, [market(TICKERS.rejected, 900_000)]);

  await put(
    `scan-${IDS.scan1}`,
    [
      {
        type: "CandidatesScanned",
        id: IDS.scan1,
        data: {
          scanId: IDS.scan1,
          criteria: { MIN_ODDS: "0.85", MAX_ODDS: "0.99", MAX_DAYS_TO_RESOLUTION: 7 },
          stages: [
            { name: "all markets", count: 3400 },
            { name: "open, closing within 7 days", count: 900 },
            { name: "price band", count: 40 },
            { name: "liquidity", count: 3 },
          ],
          candidates: [
            candidate(TICKERS.open, "yes", 950_000),
            candidate(TICKERS.won, "no", 950_000),
            candidate(TICKERS.rejected, "yes", 910_000),
          ],
        },
      },
    ],
    IDS.scan1,
  );
  await put(
    `analysis-${IDS.analysis1}`,
    [
      {
        type: "AnalysisCompleted",
        id: IDS.analysis1,
        data: {
          analysisId: IDS.analysis1,
          scanId: IDS.scan1,
          selector: "ai",
          status: "accepted",
          model: "claude-test",
          promptVersion: "v3",
          promptHash: "abc123",
          context: { candidates: 3 },
          rawResponse: '{"selections":[…]}',
          selections: [
            {
              ticker: TICKERS.open,
              side: "yes",
              allocation: 50_000_000,
              confidence: 0.93,
              reasoning: "favourite",
              riskFactors: [],
            },
            {
              ticker: TICKERS.won,
              side: "no",
              allocation: 50_000_000,
              confidence: 0.95,
              reasoning: "far",
              riskFactors: [],
            },
            {
              ticker: TICKERS.rejected,
              side: "yes",
              allocation: 50_000_000,
              confidence: 0.9,
              reasoning: "ok",
              riskFactors: [],
            },
          ],
          probabilities: [
            { ticker: TICKERS.open, side: "yes", probability: 0.93 },
            { ticker: TICKERS.won, side: "no", probability: 0.95 },
            { ticker: TICKERS.rejected, side: "yes", probability: 0.9 },
          ],
          strategyNotes: "Three favourites",
          candidatesAnalyzed: 3,
          totalAllocated: 150_000_000,
          rejectionReasons: [],
          inputTokens: 1200,
          outputTokens: 300,
          cost: 12_345,
          latencyMs: 2100,
        },
      },
    ],
    IDS.scan1,
    IDS.scan1,
  );

  const open: TradeSpec = {
    id: IDS.openTrade,
    ticker: TICKERS.open,
    side: "yes",
    price: 950_000,
    contracts: 50,
    analysisId: IDS.analysis1,
    scanId: IDS.scan1,
  };
  const won: TradeSpec = {
    id: IDS.wonTrade,
    ticker: TICKERS.won,
    side: "no",
    price: 950_000,
    contracts: 50,
    analysisId: IDS.analysis1,
    scanId: IDS.scan1,
  };
  const rejected: TradeSpec = {
    id: IDS.rejectedTrade,
    ticker: TICKERS.rejected,
    side: "yes",
    price: 910_000,
    contracts: 50,
    analysisId: IDS.analysis1,
    scanId: IDS.scan1,
  };

  await put(`trade-${open.id}`, [proposed(open)], IDS.analysis1, IDS.analysis1);
  await put(
    `trade-${open.id}`,
    [
      placed(open),
      filled(open, "f-open-1", 3000, 950_000, "buy", at()),
      filled(open, "f-open-2", 2000, 950_000, "buy", at()),
    ],
    IDS.analysis1,
  );
  await put(`trade-${won.id}`, [proposed(won)], IDS.analysis1, IDS.analysis1);
  await put(
    `trade-${won.id}`,
    [placed(won), filled(won, "f-won-1", 5000, 950_000, "buy", at())],
    IDS.analysis1,
  );
  await put(`trade-${rejected.id}`, [proposed(rejected, null)], IDS.analysis1, IDS.analysis1);
  await put(
    `trade-${rejected.id}`,
    [
      {
        type: "TradeRejected",
        data: {
          tradeId: rejected.id,
          ticker: rejected.ticker,
          side: "yes",
          allocation: 50_000_000,
          reasons: [{ check: "daily_budget", detail: "$150.00 would pass the $100.00 daily budget" }],
          checks: budgetRejectedChecks(),
        },
      },
    ],
    IDS.analysis1,
  );
  // Later the same day: the open position's market moves up; the won market settles NO.
  await put(`market-${TICKERS.open}`, [market(TICKERS.open, 960_000)]);
  await put(`market-${TICKERS.won}`, [market(TICKERS.won, 0, { status: "finalized", result: "no" })]);
  await put(
    `trade-${won.id}`,
    [
      {
        type: "Resolved",
        data: {
          tradeId: won.id,
          ticker: won.ticker,
          side: "no",
          marketResult: "no",
          outcome: "won",
          contracts: 5000,
          entryCost: 47_510_000,
          payout: 50_000_000,
          fees: 10_000,
          realizedPnl: 2_490_000,
          settledAt: "2026-11-21T00:00:00.000Z",
        },
      },
    ],
    IDS.analysis1,
  );

  // Day 2: a second scan; one trade stopped out, one lost at settlement.
  clock.set("2026-11-21T08:00:00.000Z");
  await put(`market-${TICKERS.stopped}`, [market(TICKERS.stopped, 900_000)]);
  await put(`market-${TICKERS.lost}`, [market(TICKERS.lost, 80_000)]);
  await put(
    `scan-${IDS.scan2}`,
    [
      {
        type: "CandidatesScanned",
        id: IDS.scan2,
        data: {
          scanId: IDS.scan2,
          criteria: { MIN_ODDS: "0.85" },
          stages: [
            { name: "all markets", count: 3500 },
            { name: "price band", count: 2 },
          ],
          candidates: [candidate(TICKERS.stopped, "yes", 910_000), candidate(TICKERS.lost, "no", 920_000)],
        },
      },
    ],
    IDS.scan2,
  );
  await put(
    `analysis-${IDS.analysis2}`,
    [
      {
        type: "AnalysisCompleted",
        id: IDS.analysis2,
        data: {
          analysisId: IDS.analysis2,
          scanId: IDS.scan2,
          selector: "rules",
          status: "fallback",
          model: null,
          promptVersion: null,
          promptHash: null,
          context: null,
          rawResponse: "",
          selections: [
            {
              ticker: TICKERS.stopped,
              side: "yes",
              allocation: 40_000_000,
              confidence: 0.91,
              reasoning: "rule",
              riskFactors: [],
            },
            {
              ticker: TICKERS.lost,
              side: "no",
              allocation: 40_000_000,
              confidence: 0.92,
              reasoning: "rule",
              riskFactors: [],
            },
          ],
          probabilities: [
            { ticker: TICKERS.stopped, side: "yes", probability: 0.91 },
            { ticker: TICKERS.lost, side: "no", probability: 0.92 },
          ],
          strategyNotes: "",
          candidatesAnalyzed: 2,
          totalAllocated: 80_000_000,
          rejectionReasons: [],
          inputTokens: 0,
          outputTokens: 0,
          cost: 0,
          latencyMs: 4,
        },
      },
    ],
    IDS.scan2,
    IDS.scan2,
  );
  const stopped: TradeSpec = {
    id: IDS.stoppedTrade,
    ticker: TICKERS.stopped,
    side: "yes",
    price: 910_000,
    contracts: 40,
    analysisId: IDS.analysis2,
    scanId: IDS.scan2,
  };
  const lost: TradeSpec = {
    id: IDS.lostTrade,
    ticker: TICKERS.lost,
    side: "no",
    price: 920_000,
    contracts: 40,
    analysisId: IDS.analysis2,
    scanId: IDS.scan2,
  };
  await put(
    `trade-${stopped.id}`,
    [proposed(stopped), placed(stopped), filled(stopped, "f-s-1", 4000, 910_000, "buy", at())],
    IDS.analysis2,
  );
  await put(
    `trade-${lost.id}`,
    [proposed(lost), placed(lost), filled(lost, "f-l-1", 4000, 920_000, "buy", at())],
    IDS.analysis2,
  );
  await put(`market-${TICKERS.stopped}`, [market(TICKERS.stopped, 790_000)]);
  await put(
    `trade-${stopped.id}`,
    [
      {
        type: "StopTriggered",
        data: {
          tradeId: stopped.id,
          ticker: stopped.ticker,
          side: "yes",
          triggerPrice: 790_000,
          threshold: 800_000,
          source: "realtime",
        },
      },
      placed({ ...stopped, price: 690_000 }, "stop_loss"),
      filled(stopped, "f-s-2", 4000, 780_000, "sell", at()),
      {
        type: "PositionClosed",
        data: {
          tradeId: stopped.id,
          ticker: stopped.ticker,
          side: "yes",
          reason: "stop_loss",
          contracts: 4000,
          entryCost: 36_410_000,
          exitPrice: 780_000,
          proceeds: 31_200_000,
          fees: 20_000,
          realizedPnl: -5_220_000,
        },
      },
    ],
    IDS.analysis2,
  );
  await put(`market-${TICKERS.lost}`, [market(TICKERS.lost, 0, { status: "finalized", result: "yes" })]);
  await put(
    `trade-${lost.id}`,
    [
      {
        type: "Resolved",
        data: {
          tradeId: lost.id,
          ticker: lost.ticker,
          side: "no",
          marketResult: "yes",
          outcome: "lost",
          contracts: 4000,
          entryCost: 36_810_000,
          payout: 0,
          fees: 10_000,
          realizedPnl: -36_810_000,
          settledAt: "2026-11-22T00:00:00.000Z",
        },
      },
    ],
    IDS.analysis2,
  );

  // Day 3: reports, a pause by hand, errors.
  clock.set("2026-11-22T07:00:00.000Z");
  await put("report-morning-2026-11-22", [
    {
      type: "ReportGenerated",
      data: {
        reportId: uuid(0xc001),
        kind: "morning",
        period: "2026-11-22",
        summary: "Yesterday: 2 closed",
        body: {
          bankroll: { cash: 912_345_678, openCost: 47_510_000, openValue: 47_000_000, total: 959_345_678 },
        },
      },
    },
  ]);
  await put("report-daily-2026-11-21", [
    {
      type: "ReportGenerated",
      data: {
        reportId: uuid(0xc002),
        kind: "daily",
        period: "2026-11-21",
        summary: "2 trades closed",
        body: { totalTrades: 2 },
      },
    },
  ]);
  await put("report-monthly-2026-10", [
    {
      type: "ReportGenerated",
      data: {
        reportId: uuid(0xc003),
        kind: "monthly",
        period: "2026-10",
        summary: "October",
        body: {
          totalTrades: 12,
          totalInvested: 500_000_000,
          totalPnl: 4_000_000,
          winRate: 0.9,
          avgRoi: 0.008,
          insights: "Fed markets paid.",
        },
      },
    },
  ]);
  for (let i = 0; i < 3; i++) {
    await put(`error-${uuid(0xd000 + i)}`, [
      {
        type: "ErrorRecorded",
        data: {
          errorId: uuid(0xd000 + i),
          source: i === 0 ? "ai" : "GET /markets",
          message: `boom ${i}`,
          stack: null,
          context: { attempt: i },
        },
      },
    ]);
  }
  await put("trading-state", [
    { type: "TradingPaused", data: { reason: "checking the feed", pausedUntil: null } },
  ]);

  // Bulk: settled trades across the following days, for pagination and the equity curve.
  for (let i = 0; i < (options.bulk ?? 0); i++) {
    clock.set(new Date(Date.parse("2026-11-23T08:00:00.000Z") + i * 3_600_000).toISOString());
    const t: TradeSpec = {
      id: uuid(0xe00000 + i),
      ticker: TICKERS.open,
      side: "yes",
      price: 950_000,
      contracts: 10,
      analysisId: null,
      scanId: null,
    };
    const win = i % 4 !== 0;
    await put(`trade-${t.id}`, [
      proposed(t),
      placed(t),
      filled(t, `f-bulk-${i}`, 1000, 950_000, "buy", at()),
      {
        type: "Resolved",
        data: {
          tradeId: t.id,
          ticker: t.ticker,
          side: "yes",
          marketResult: win ? "yes" : "no",
          outcome: win ? "won" : "lost",
          contracts: 1000,
          entryCost: 9_510_000,
          payout: win ? 10_000_000 : 0,
          fees: 10_000,
          realizedPnl: win ? 490_000 : -9_510_000,
          settledAt: at(),
        },
      },
    ]);
  }
  await projectEverything(db, projector);

  return {
    store,
    clock,
    projector,
    async append(stream, events, correlationId) {
      clock.advance(60_000);
      await store.append(stream, events, { correlationId });
      await projectEverything(db, projector);
    },
  };
}

/**
 * Catches up until every event committed so far is projected. One catchUp is not enough on a
 * shared PostgreSQL server: another database's open transaction holds the snapshot horizon back
 * (xids are server-wide), and the projector rightly leaves what lies beyond it for later. Waits on
 * that condition, never on a fixed time; bounded so a stuck server fails the test instead.
 */
export async function projectEverything(db: Database, projector: Projector): Promise<void> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    await projector.catchUp();
    const beyond = await eventsBeyondHorizon(db);
    // Nothing beyond the horizon: one more catchUp reads the rest, and must find nothing after it.
    if (beyond === 0 && (await projector.catchUp()) === 0) return;
    if (performance.now() > deadline)
      throw new Error(`projections did not catch up: ${beyond} events still beyond the horizon after 30 s`);
    await Bun.sleep(5);
  }
}
