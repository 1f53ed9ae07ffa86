// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are read field by field; their shape is what the test asserts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Database } from "../db/database.ts";
import type { Centis, Micros } from "../money/money.ts";
import { netSaleValue } from "../risk/pnl.ts";
import { paperBalance } from "../trading/read-model.ts";
import { createGraphQL } from "./graphql.ts";
import { codes, gql } from "./testing/client.ts";
import { testConfig } from "./testing/config.ts";
import { FakeControl } from "./testing/fake-control.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";
import { ACCOUNT, IDS, TICKERS } from "./testing/seed.ts";

const BULK = 30;
let f: ApiFixture;

beforeAll(async () => {
  f = await apiFixture({ bulk: BULK });
});
afterAll(() => f.close());

const q = (query: string, variables?: Record<string, unknown>) =>
  gql<Record<string, any>>(f.api, query, { variables });

async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await q(query, variables);
  expect(r.errors).toEqual([]);
  expect(r.status).toBe(200);
  return r.data as Record<string, any>;
}

const bulkWins = Array.from({ length: BULK }, (_, i) => i % 4 !== 0).filter(Boolean).length;
const bulkLosses = BULK - bulkWins;
const REALIZED = 2_490_000 - 5_220_000 - 36_810_000 + bulkWins * 490_000 - bulkLosses * 9_510_000;
const INVESTED = 47_510_000 + 36_410_000 + 36_810_000 + BULK * 9_510_000;
const OPEN_COST = 47_520_000;
const UNREALIZED = netSaleValue(5000 as Centis, 960_000 as Micros) - OPEN_COST;

describe("overview", () => {
  test("figures after fees, trading state, curve and bars", async () => {
    const { overview: o } = await ok(`{ overview(days: 3660) {
      asOf mode balance { micros } balanceSource bankroll { micros } totalPnl { micros dollars display }
      realizedPnl { micros } unrealizedPnl { micros } feesPaid { micros } invested { micros } winRate roi
      wins losses voids stopLosses closedTrades openPositionCount unpricedPositions openCost { micros } openValue { micros }
      tradingState { status reason breaker since pausedUntil }
      equityCurve { date cumulativePnl { micros } equity { micros } }
      dailyPnl { date pnl { micros } trades wins losses stopLosses winRate }
    } }`);
    expect(o.mode).toBe("PAPER");
    expect(o.realizedPnl.micros).toBe(String(REALIZED));
    expect(o.unrealizedPnl.micros).toBe(String(UNREALIZED));
    expect(o.totalPnl.micros).toBe(String(REALIZED + UNREALIZED));
    expect(o.totalPnl.dollars).toMatch(/^-\d+\.\d{6}$/);
    expect(o.totalPnl.display).toMatch(/^-\$\d+\.\d{2}$/);
    expect(o.feesPaid.micros).toBe(String(60_000 + BULK * 10_000));
    expect(o.invested.micros).toBe(String(INVESTED));
    expect(o.wins).toBe(1 + bulkWins);
    expect(o.losses).toBe(2 + bulkLosses);
    expect(o.stopLosses).toBe(1);
    expect(o.closedTrades).toBe(3 + BULK);
    expect(o.winRate).toBeCloseTo((1 + bulkWins) / (3 + BULK), 12);
    expect(o.roi).toBeCloseTo(REALIZED / INVESTED, 12);
    expect(o.openPositionCount).toBe(1);
    expect(o.unpricedPositions).toBe(0);
    expect(o.openCost.micros).toBe(String(OPEN_COST));
    // Paper ledger: starting balance + realized − what the open position tied up.
    expect(o.balanceSource).toBe("PAPER_LEDGER");
    expect(o.balance.micros).toBe(String(1_000_000_000 + REALIZED - OPEN_COST));
    // The same ledger risk reads before every trade.
    expect(o.balance.micros).toBe(String(await paperBalance(f.t.db, ACCOUNT, 1_000_000_000)));
    expect(o.bankroll.micros).toBe(String(1_000_000_000 + REALIZED - OPEN_COST + Number(o.openValue.micros)));
    expect(o.tradingState).toMatchObject({
      status: "PAUSED",
      reason: "checking the feed",
      pausedUntil: null,
    });
    // The curve ends at the realized total; each point is the running sum of the bars.
    expect(o.equityCurve.at(-1).cumulativePnl.micros).toBe(String(REALIZED));
    let sum = 0;
    o.dailyPnl.forEach((bar: any, i: number) => {
      sum += Number(bar.pnl.micros);
      expect(o.equityCurve[i].cumulativePnl.micros).toBe(String(sum));
      expect(o.equityCurve[i].equity.micros).toBe(String(1_000_000_000 + sum));
    });
    expect(o.dailyPnl.reduce((n: number, b: any) => n + b.trades, 0)).toBe(3 + BULK);
  });

  test("`days` narrows the bars, not the curve; out of range is BAD_USER_INPUT", async () => {
    const { overview: o } = await ok("{ overview(days: 1) { dailyPnl { date } equityCurve { date } } }");
    expect(o.dailyPnl.length).toBeLessThanOrEqual(1);
    expect(o.equityCurve.length).toBeGreaterThan(1);
    expect(codes(await q("{ overview(days: 0) { asOf } }"))).toEqual(["BAD_USER_INPUT"]);
  });

  test("live mode takes cash from the last morning report", async () => {
    const api = createGraphQL({
      db: f.t.db,
      control: new FakeControl(),
      config: testConfig({
        TRADING_MODE: "live",
        KALSHI_API_ID: "id",
        KALSHI_PRIVATE_KEY: (await import("../config/testing.ts")).rsaKeyPair().privatePem,
      }),
      clock: f.history.clock,
    });
    const r = await gql<any>(
      api,
      "{ overview { mode balance { micros } balanceSource balanceAsOf equityCurve { equity { micros } } } }",
    );
    expect(r.errors).toEqual([]);
    expect(r.data.overview).toMatchObject({
      mode: "LIVE",
      balance: { micros: "912345678" },
      balanceSource: "MORNING_REPORT",
    });
    expect(r.data.overview.balanceAsOf).toBe("2026-11-22T07:01:00.000Z");
    expect(r.data.overview.equityCurve[0].equity).toBeNull();
    await api.close();
  });
});

describe("trades", () => {
  const PAGE = `query($first: Int, $after: String, $sort: TradeSort, $status: [TradeStatus!], $ticker: String) {
    trades(first: $first, after: $after, sort: $sort, status: $status, ticker: $ticker) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id status proposedAt closedAt closeTime realizedPnl { micros } } }
    } }`;

  async function walk(variables: Record<string, unknown>) {
    const seen: any[] = [];
    let after: string | null = null;
    let total = -1;
    for (let pages = 0; pages < 100; pages++) {
      const { trades }: any = await ok(PAGE, { ...variables, after });
      total = trades.totalCount;
      seen.push(...trades.edges.map((e: any) => e.node));
      if (!trades.pageInfo.hasNextPage) break;
      after = trades.pageInfo.endCursor;
    }
    return { seen, total };
  }

  test("every page joins up: each trade exactly once, in order, for every sort", async () => {
    for (const sort of [
      "PROPOSED_AT_DESC",
      "PROPOSED_AT_ASC",
      "CLOSED_AT_DESC",
      "PNL_DESC",
      "PNL_ASC",
      "CLOSE_TIME_ASC",
    ]) {
      const { seen, total } = await walk({ first: 7, sort });
      expect(total).toBe(5 + BULK);
      expect(seen.length).toBe(total);
      expect(new Set(seen.map((t) => t.id)).size).toBe(total);
      // Unfinished trades (no P&L) sort last; compare only the settled ones.
      const pnl = (t: any) => (t.realizedPnl === null ? Number.NaN : Number(t.realizedPnl.micros));
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1], seen[i]];
        if (sort === "PROPOSED_AT_DESC") expect(a.proposedAt >= b.proposedAt).toBe(true);
        if (sort === "PROPOSED_AT_ASC") expect(a.proposedAt <= b.proposedAt).toBe(true);
        if (sort === "CLOSE_TIME_ASC") expect(a.closeTime <= b.closeTime).toBe(true);
        if (sort === "CLOSED_AT_DESC" && b.closedAt !== null) expect(a.closedAt >= b.closedAt).toBe(true);
        if (sort === "PNL_DESC" && !Number.isNaN(pnl(b))) expect(pnl(a)).toBeGreaterThanOrEqual(pnl(b));
        if (sort === "PNL_ASC" && !Number.isNaN(pnl(b))) expect(pnl(a)).toBeLessThanOrEqual(pnl(b));
      }
      // Unfinished trades sort last when the key is theirs to lack.
      if (sort.startsWith("PNL") || sort === "CLOSED_AT_DESC") {
        const firstNull = seen.findIndex((t) => t.realizedPnl === null);
        expect(seen.slice(firstNull).every((t) => t.realizedPnl === null)).toBe(true);
      }
    }
  });

  test("filters by status and ticker", async () => {
    const open = await walk({ first: 10, status: ["OPEN"] });
    expect(open.seen.map((t) => t.id)).toEqual([IDS.openTrade]);
    const closed = await walk({ first: 10, status: ["STOPPED", "REJECTED"] });
    expect(closed.seen.map((t) => t.status).sort()).toEqual(["REJECTED", "STOPPED"]);
    const byTicker = await walk({ first: 10, ticker: TICKERS.won });
    expect(byTicker.seen.map((t) => t.id)).toEqual([IDS.wonTrade]);
  });

  test("bad page arguments are BAD_USER_INPUT", async () => {
    expect(codes(await q(PAGE, { first: 0 }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await q(PAGE, { first: 101 }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await q(PAGE, { first: 5, after: "not-a-cursor" }))).toEqual(["BAD_USER_INPUT"]);
    const { trades } = await ok(PAGE, { first: 2, sort: "PNL_ASC" });
    const wrongSort = await q(PAGE, { first: 2, sort: "PROPOSED_AT_DESC", after: trades.pageInfo.endCursor });
    expect(codes(wrongSort)).toEqual(["BAD_USER_INPUT"]);
  });

  test("a trade's fields: money, counts, market, decision, unrealized P&L", async () => {
    const { trade } = await ok(
      `query($id: ID!) { trade(id: $id) {
        id ticker side status contractsPurchased contractsSold contractsHeld positionSize { micros } entryFees { micros }
        entryCost { micros } entryPrice { dollars } realizedPnl { micros } unrealizedPnl { micros } analysisId scanId
        market { ticker yesBid { dollars } observedAt } decision { id selector model picksCount }
      } }`,
      { id: IDS.openTrade },
    );
    expect(trade).toMatchObject({
      ticker: TICKERS.open,
      side: "YES",
      status: "OPEN",
      contractsPurchased: "50.00",
      contractsSold: "0.00",
      contractsHeld: "50.00",
      positionSize: { micros: "47500000" },
      entryFees: { micros: "20000" },
      entryCost: { micros: "47520000" },
      entryPrice: { dollars: "0.950000" },
      realizedPnl: null,
      unrealizedPnl: { micros: String(UNREALIZED) },
      market: { ticker: TICKERS.open, yesBid: { dollars: "0.960000" } },
      decision: { id: IDS.analysis1, selector: "ai", model: "claude-test", picksCount: 3 },
    });
    expect((await ok('{ trade(id: "nope") { id } }')).trade).toBeNull();
  });

  test("no N+1: a page of 50 trades with market and decision costs a fixed number of queries", async () => {
    let queries = 0;
    const db = f.t.db;
    const counting: Database = {
      kind: db.kind,
      query: (text, params) => {
        queries++;
        return db.query(text, params);
      },
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      listen: (c, fn) => db.listen(c, fn),
      reserve: () => db.reserve(),
      close: () => db.close(),
    };
    const api = createGraphQL({
      db: counting,
      control: new FakeControl(),
      config: testConfig(),
      clock: f.history.clock,
    });
    const r = await gql<any>(
      api,
      "{ trades(first: 50) { totalCount nodes { id unrealizedPnl { micros } market { question } decision { id scan { id } trades { id } } } } }",
    );
    expect(r.errors).toEqual([]);
    expect(r.data.trades.nodes.length).toBe(5 + BULK);
    // page, count, markets, decisions, scans, trades-of-decisions: one each, whatever the page size.
    expect(queries).toBeLessThanOrEqual(6);
    await api.close();
  });
});

describe("trade story", () => {
  const STORY = `query($id: ID!) { trade(id: $id) { story { kind at summary checks { check passed detail } event { id type streamId position data } } } }`;
  const kinds = async (id: string) => ((await ok(STORY, { id })).trade.story as any[]).map((s) => s.kind);

  test("an open trade: what the market looked like, the scan, the AI, risk, order and fills", async () => {
    const { trade } = await ok(STORY, { id: IDS.openTrade });
    expect(trade.story.map((s: any) => s.kind)).toEqual([
      "MARKET_OBSERVED",
      "MARKET_OBSERVED",
      "SCAN",
      "ANALYSIS",
      "PROPOSED",
      "RISK_PASSED",
      "ORDER_PLACED",
      "ORDER_FILLED",
      "ORDER_FILLED",
    ]);
    const scan = trade.story[2];
    expect(scan.event.streamId).toBe(`scan-${IDS.scan1}`);
    expect(scan.summary).toContain("3 candidates");
    expect(trade.story[3].summary).toContain("ai selector (claude-test) picked 3 of 3");
    expect(trade.story[5].event).toBeNull();
    expect(trade.story[5].checks.every((c: any) => c.passed)).toBe(true);
    // Log order, and positions are "txid:position".
    const positions = trade.story.filter((s: any) => s.event).map((s: any) => s.event.position);
    for (const p of positions) expect(p).toMatch(/^\d+:\d+$/);
    const times = trade.story.map((s: any) => s.at);
    expect([...times].sort()).toEqual(times);
    // The observation after the trade (bid 96¢) is not part of how it was made.
    expect(trade.story[1].summary).toContain("94¢");
  });

  test("a rejected trade shows which check failed and which passed; siblings stay out", async () => {
    const { trade } = await ok(STORY, { id: IDS.rejectedTrade });
    expect(trade.story.map((s: any) => s.kind)).toEqual([
      "MARKET_OBSERVED",
      "SCAN",
      "ANALYSIS",
      "PROPOSED",
      "RISK_REJECTED",
    ]);
    const risk = trade.story.at(-1);
    expect(risk.checks.find((c: any) => c.check === "daily_budget")).toMatchObject({ passed: false });
    expect(risk.checks.filter((c: any) => c.passed).length).toBe(6);
    // Trades of the same selector run share its correlation id; none of their events leak in.
    for (const s of trade.story)
      if (s.event?.data?.tradeId) expect(s.event.data.tradeId).toBe(IDS.rejectedTrade);
  });

  test("settled, stopped and lost trades end with their resolution", async () => {
    expect((await kinds(IDS.wonTrade)).at(-1)).toBe("RESOLVED");
    expect(await kinds(IDS.stoppedTrade)).toEqual([
      "MARKET_OBSERVED",
      "SCAN",
      "ANALYSIS",
      "PROPOSED",
      "RISK_PASSED",
      "ORDER_PLACED",
      "ORDER_FILLED",
      "STOP_TRIGGERED",
      "ORDER_PLACED",
      "ORDER_FILLED",
      "POSITION_CLOSED",
    ]);
    const { trade } = await ok(STORY, { id: IDS.lostTrade });
    expect(trade.story.at(-1).summary).toContain("lost, P&L -$36.81 after fees");
  });
});

test("positions: marked at our side's bid after the exit fee", async () => {
  const { positions } = await ok(`{ positions {
    tradeId ticker side contracts entryPrice { dollars } entryCost { micros } bid { micros } marketValue { micros }
    unrealizedPnl { micros } unrealizedPnlPct closeTime quotedAt trade { id status }
  } }`);
  expect(positions).toHaveLength(1);
  expect(positions[0]).toMatchObject({
    tradeId: IDS.openTrade,
    side: "YES",
    contracts: "50.00",
    bid: { micros: "960000" },
    entryCost: { micros: String(OPEN_COST) },
    marketValue: { micros: String(netSaleValue(5000 as Centis, 960_000 as Micros)) },
    unrealizedPnl: { micros: String(UNREALIZED) },
    trade: { id: IDS.openTrade, status: "OPEN" },
  });
  expect(positions[0].unrealizedPnlPct).toBeCloseTo((UNREALIZED / OPEN_COST) * 100, 9);
});

test("decisions: newest first, with picks, tokens, cost, scan and trades", async () => {
  const { decisions } =
    await ok(`{ decisions(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes {
    id selector status model promptVersion candidatesAnalyzed picksCount totalAllocated { micros } inputTokens outputTokens
    cost { micros } latencyMs runAt picks { ticker side allocation { micros } confidence reasoning } probabilities { ticker side probability }
    scan { id candidateCount } trades { id status }
  } } }`);
  expect(decisions.totalCount).toBe(2);
  expect(decisions.nodes[0]).toMatchObject({
    id: IDS.analysis2,
    selector: "rules",
    status: "fallback",
    picksCount: 2,
  });
  expect(decisions.nodes[0].trades.map((t: any) => t.status).sort()).toEqual(["LOST", "STOPPED"]);
  const next = await ok(
    `query($after: String) { decisions(first: 1, after: $after) { pageInfo { hasNextPage } nodes {
    id cost { micros } inputTokens outputTokens picks { ticker side } scan { id } trades { id } } } }`,
    {
      after: decisions.pageInfo.endCursor,
    },
  );
  expect(next.decisions.pageInfo.hasNextPage).toBe(false);
  expect(next.decisions.nodes[0]).toMatchObject({
    id: IDS.analysis1,
    cost: { micros: "12345" },
    inputTokens: 1200,
    outputTokens: 300,
    scan: { id: IDS.scan1 },
  });
  expect(next.decisions.nodes[0].picks[1]).toEqual({ ticker: TICKERS.won, side: "NO" });
  expect(next.decisions.nodes[0].trades.map((t: any) => t.id).sort()).toEqual(
    [IDS.openTrade, IDS.wonTrade, IDS.rejectedTrade].sort(),
  );
});

test("calibration: settled predictions only, Brier and buckets", async () => {
  const { calibration } = await ok(
    "{ calibration(buckets: 4, from: 0.8) { points brier buckets { lower upper count meanProbability observedFrequency } byModel { selector model count brier } } }",
  );
  // Settled: the won market (NO at 0.95, result no → 1) and the lost one (NO at 0.92, result yes → 0).
  expect(calibration.points).toBe(2);
  expect(calibration.brier).toBeCloseTo(((0.95 - 1) ** 2 + 0.92 ** 2) / 2, 12);
  expect(calibration.buckets).toHaveLength(4);
  expect(calibration.buckets.reduce((n: number, b: any) => n + b.count, 0)).toBe(2);
  expect(calibration.byModel.map((g: any) => g.selector).sort()).toEqual(["ai", "rules"]);
  expect(codes(await q("{ calibration(buckets: 0) { points } }"))).toEqual(["BAD_USER_INPUT"]);
});

test("scan: the latest by default, any by id, with the funnel and candidates", async () => {
  const latest = (await ok("{ scan { id candidateCount } }")).scan;
  expect(latest).toEqual({ id: IDS.scan2, candidateCount: 2 });
  const { scan } = await ok(
    `query($id: ID) { scan(id: $id) { id scannedAt criteria { name value } stages { name count dropped } candidates {
      ticker side price { dollars } entryDepth { micros } evPerDollarAfterFees historicalWinRate hoursToClose } } }`,
    { id: IDS.scan1 },
  );
  expect(scan.stages).toEqual([
    { name: "all markets", count: 3400, dropped: 0 },
    { name: "open, closing within 7 days", count: 900, dropped: 2500 },
    { name: "price band", count: 40, dropped: 860 },
    { name: "liquidity", count: 3, dropped: 37 },
  ]);
  expect(scan.criteria).toContainEqual({ name: "MAX_DAYS_TO_RESOLUTION", value: "7" });
  expect(scan.candidates[1]).toMatchObject({
    ticker: TICKERS.won,
    side: "NO",
    price: { dollars: "0.950000" },
  });
  const { scans } = await ok("{ scans(first: 1) { totalCount pageInfo { hasNextPage } nodes { id } } }");
  expect(scans).toEqual({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: IDS.scan2 }] });
});

test("reports, stop-losses and errors", async () => {
  const d = await ok(`{
    monthlyAnalyses { totalCount nodes { month reportId totalTrades totalInvested { micros } totalPnl { micros } winRate avgRoi insights marketTypeAnalysis } }
    morning: dailyReports(kind: MORNING) { totalCount nodes { date kind summary body } }
    all: dailyReports { totalCount nodes { date kind } }
    stopLossEvents { totalCount nodes { tradeId ticker side triggerPrice { micros } threshold { micros } source triggeredAt exitPrice { micros } realizedPnl { micros } closedAt reason trade { status } } }
    errors(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id at source message stack context } }
    aiErrors: errors(source: "ai") { totalCount nodes { message } }
  }`);
  expect(d.monthlyAnalyses.nodes[0]).toMatchObject({
    month: "2026-10",
    totalTrades: 12,
    totalInvested: { micros: "500000000" },
    totalPnl: { micros: "4000000" },
    winRate: 0.9,
    insights: "Fed markets paid.",
  });
  expect(d.morning.nodes).toEqual([
    expect.objectContaining({ date: "2026-11-22", kind: "MORNING", summary: "Yesterday: 2 closed" }),
  ]);
  expect(d.all.totalCount).toBe(2);
  expect(d.stopLossEvents.nodes[0]).toMatchObject({
    tradeId: IDS.stoppedTrade,
    side: "YES",
    triggerPrice: { micros: "790000" },
    threshold: { micros: "800000" },
    source: "realtime",
    exitPrice: { micros: "780000" },
    realizedPnl: { micros: "-5220000" },
    trade: { status: "STOPPED" },
  });
  expect(d.errors.totalCount).toBe(3);
  expect(d.errors.nodes).toHaveLength(2);
  expect(d.errors.pageInfo.hasNextPage).toBe(true);
  const rest = await ok(
    "query($after: String) { errors(first: 2, after: $after) { pageInfo { hasNextPage } nodes { id } } }",
    {
      after: d.errors.pageInfo.endCursor,
    },
  );
  expect(rest.errors.nodes).toHaveLength(1);
  expect(new Set([...d.errors.nodes, ...rest.errors.nodes].map((e: any) => e.id)).size).toBe(3);
  expect(d.aiErrors).toEqual({ totalCount: 1, nodes: [{ message: "boom 0" }] });
});

describe("events", () => {
  const PAGE = `query($after: String, $first: Int, $stream: String, $type: String, $order: EventOrder) {
    events(after: $after, first: $first, stream: $stream, type: $type, order: $order) {
      pageInfo { hasNextPage endCursor } edges { cursor node { id position type version streamId streamVersion data correlationId causationId actor occurredAt recordedAt } }
    } }`;

  test("pages through the whole log by position, in commit order", async () => {
    const all: any[] = [];
    let after: string | null = null;
    for (;;) {
      const { events }: any = await ok(PAGE, { after, first: 25 });
      for (const e of events.edges) {
        expect(e.cursor).toBe(e.node.position);
        all.push(e.node);
      }
      if (!events.pageInfo.hasNextPage) break;
      after = events.pageInfo.endCursor;
    }
    const [row] = await f.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM events");
    expect(all.length).toBe(row?.n ?? -1);
    const key = (p: string) => {
      const [tx = "0", pos = "0"] = p.split(":");
      return { tx: BigInt(tx), pos: BigInt(pos) };
    };
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [key(all[i - 1].position), key(all[i].position)];
      expect(a.tx < b.tx || (a.tx === b.tx && a.pos < b.pos)).toBe(true);
    }
  });

  test("filters by stream and type; newest first; bad cursors refused", async () => {
    const byStream = await ok(PAGE, { stream: `trade-${IDS.stoppedTrade}`, first: 50 });
    expect(byStream.events.edges.map((e: any) => e.node.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const byType = await ok(PAGE, { type: "AnalysisCompleted", first: 50 });
    expect(byType.events.edges.map((e: any) => e.node.data.analysisId)).toEqual([
      IDS.analysis1,
      IDS.analysis2,
    ]);
    const newest = await ok(PAGE, { type: "AnalysisCompleted", first: 1, order: "NEWEST_FIRST" });
    expect(newest.events.edges[0].node.data.analysisId).toBe(IDS.analysis2);
    const older = await ok(PAGE, {
      type: "AnalysisCompleted",
      first: 5,
      order: "NEWEST_FIRST",
      after: newest.events.pageInfo.endCursor,
    });
    expect(older.events.edges.map((e: any) => e.node.data.analysisId)).toEqual([IDS.analysis1]);
    expect(codes(await q(PAGE, { after: "12-34" }))).toEqual(["BAD_USER_INPUT"]);
  });
});

test("config: the effective configuration, secrets only as booleans", async () => {
  const { config } = await ok(`{ config {
    accountId timezone trading { mode dailyBudget { dollars } minOdds { dollars } maxTradesPerDay paperStartingBalance { micros } }
    database { kind dataDir url passwordConfigured } server { host port dashboardPasswordConfigured apiTokenConfigured }
    kalshi { env tier privateKeyConfigured } ai { enabled model dailyCostCap { dollars } }
    schedules { dailyScan } notify { slackConfigured } variables { name source value }
  } }`);
  expect(config.trading).toMatchObject({
    mode: "PAPER",
    minOdds: { dollars: "0.850000" },
    paperStartingBalance: { micros: "1000000000" },
  });
  expect(config.server).toMatchObject({ dashboardPasswordConfigured: false, apiTokenConfigured: false });
  expect(config.variables.find((v: any) => v.name === "PAPER_STARTING_BALANCE")).toEqual({
    name: "PAPER_STARTING_BALANCE",
    source: "env",
    value: "1000",
  });
});

test("health: EngineControl.health() with readiness and job names", async () => {
  const { health } = await ok(
    "{ health { ready leader projectionLag jobs database { status detail } exchange { status } ai { status detail } schedules { job next running } } }",
  );
  expect(health).toMatchObject({
    ready: true,
    leader: true,
    database: { status: "OK" },
    ai: { status: "DEGRADED" },
  });
  expect(health.jobs).toContain("daily-scan");
  f.control.healthReport = { ...f.control.healthReport, leader: false };
  expect((await ok("{ health { ready } }")).health.ready).toBe(false);
  f.control.healthReport = { ...f.control.healthReport, leader: true };
});
