/**
 * Realistic, deterministic fixture data shaped like schema/schema.graphql, for the dashboard's dev
 * harness only (web/dev/harness.ts). Not a model of the engine: just plausible numbers, computed
 * exactly in integer micros the way the engine would report them.
 */
import { formatMicros } from "../app/lib/format.ts";

export const NOW = Date.parse("2026-11-25T14:30:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MoneyValue {
  micros: string;
  dollars: string;
  display: string;
}

export function money(micros: number | bigint): MoneyValue {
  const n = BigInt(micros);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const dollars = `${neg ? "-" : ""}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
  return { micros: n.toString(), dollars, display: formatMicros(n) };
}

// A tiny seeded PRNG so every run (and every screenshot) shows the same data.
let seed = 42;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}
const iso = (ms: number) => new Date(ms).toISOString();
const cents = (micros: number) => Math.round(micros / 10_000) * 10_000;

/** Kalshi's taker fee: 0.07 × C × P × (1 − P), rounded up to the cent. */
function takerFee(contractsCentis: number, priceMicros: number): number {
  const p = priceMicros / 1_000_000;
  const fee = 0.07 * (contractsCentis / 100) * p * (1 - p);
  return Math.ceil(fee * 100) * 10_000;
}

const MARKETS = [
  {
    series: "KXHIGHNY",
    category: "Climate and Weather",
    title: (d: string) => `Highest temperature in NYC on ${d} below 52°F?`,
  },
  {
    series: "KXHIGHCHI",
    category: "Climate and Weather",
    title: (d: string) => `Chicago high on ${d} above 30°F?`,
  },
  { series: "KXINXD", category: "Financials", title: (d: string) => `S&P 500 closes above 5,800 on ${d}?` },
  {
    series: "KXNASDAQ100D",
    category: "Financials",
    title: (d: string) => `Nasdaq-100 closes above 20,000 on ${d}?`,
  },
  { series: "KXFEDMENTION", category: "Economics", title: () => "Will Powell say “soft landing” this week?" },
  {
    series: "KXJOBLESS",
    category: "Economics",
    title: (d: string) => `Initial jobless claims below 260k for week of ${d}?`,
  },
  { series: "KXNBAGAME", category: "Sports", title: () => "Celtics beat the Wizards?" },
  { series: "KXNFLGAME", category: "Sports", title: () => "Chiefs beat the Raiders?" },
  {
    series: "KXTSAW",
    category: "Transportation",
    title: (d: string) => `TSA checkpoint numbers above 2M on ${d}?`,
  },
] as const;

const REASONS = [
  "Forecast consensus sits 6°F inside the threshold with under 30 hours to go; the market's 94¢ understates that margin.",
  "Index is 2.1% above the strike with one session left; a move that size in a day happens a handful of times a year.",
  "Heavy favourite at home against the league's worst defence; injury report clean as of this morning.",
  "Claims have printed below this level for 14 straight weeks and the consensus is 231k.",
  "Holiday travel week: every comparable day last year cleared the threshold by 15% or more.",
];
const RISKS = [
  "Late forecast revisions",
  "Thin book near close",
  "Overnight macro headline risk",
  "Starter rest decision",
  "Data revision or delay",
  "Resolution source ambiguity",
];

export type Status =
  | "WON"
  | "LOST"
  | "STOPPED"
  | "OPEN"
  | "PENDING"
  | "REJECTED"
  | "VOID"
  | "FAILED"
  | "CLOSED";

export interface FixtureTrade {
  id: string;
  ticker: string;
  title: string;
  category: string;
  seriesTicker: string;
  side: "YES" | "NO";
  status: Status;
  proposedAt: string;
  executedAt: string | null;
  closedAt: string | null;
  closeTime: string;
  allocation: MoneyValue;
  limitPrice: MoneyValue;
  entryPrice: MoneyValue | null;
  exitPrice: MoneyValue | null;
  contractsPurchased: string;
  contractsSold: string;
  contractsHeld: string;
  positionSize: MoneyValue;
  entryFees: MoneyValue;
  entryCost: MoneyValue;
  exitProceeds: MoneyValue;
  exitFees: MoneyValue;
  realizedPnl: MoneyValue | null;
  roi: number | null;
  unrealizedPnl: MoneyValue | null;
  aiConfidence: number;
  aiReasoning: string;
  riskFactors: string[];
  rejectionReasons: { check: string; detail: string }[];
  analysisId: string;
  scanId: string;
  clientOrderId: string | null;
  orderId: string | null;
  stopTriggeredAt: string | null;
  correlationId: string;
  market: Record<string, unknown>;
  decision: unknown;
  story: unknown[];
  // Internal figures, in micros, for aggregation.
  _pnl: number;
  _cost: number;
  _fees: number;
  _bid: number | null;
  _centis: number;
  _dayIndex: number;
}

const fmtCentis = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;

let txid = 9_000;
function eventAt(
  type: string,
  at: number,
  data: Record<string, unknown>,
  correlationId: string,
  actor = "engine",
) {
  txid += 3;
  return {
    id: `evt-${txid}`,
    position: `${txid}:${txid * 10}`,
    type,
    version: 1,
    streamId: `trade-${correlationId}`,
    streamVersion: 1,
    data,
    correlationId,
    causationId: null,
    actor,
    occurredAt: iso(at),
    recordedAt: iso(at),
  };
}

const SCAN_STAGES = (total: number) => {
  const priced = Math.round(total * 0.12);
  const soon = Math.round(priced * 0.24);
  const liquid = Math.round(soon * 0.27);
  const ev = Math.max(3, Math.round(liquid * 0.35));
  return [
    { name: "Open markets", count: total },
    { name: "Priced 85–98¢", count: priced },
    { name: "Resolves ≤ 2 days", count: soon },
    { name: "Depth ≥ $2,000", count: liquid },
    { name: "EV after fees > 0", count: ev },
  ].map((s, i, all) => ({ ...s, dropped: i === 0 ? 0 : (all[i - 1]?.count ?? s.count) - s.count }));
};

function buildTrades(): FixtureTrade[] {
  const trades: FixtureTrade[] = [];
  const plan: Status[] = [];
  for (let i = 0; i < 44; i++) plan.push(rand() < 0.86 ? "WON" : rand() < 0.5 ? "LOST" : "STOPPED");
  plan.push("VOID", "REJECTED", "FAILED", "REJECTED", "CLOSED", "OPEN", "OPEN", "OPEN", "PENDING");
  plan.forEach((status, i) => {
    const dayIndex = Math.min(44, Math.floor((i / plan.length) * 46));
    const proposed = NOW - (45 - dayIndex) * DAY + 8 * HOUR + Math.floor(rand() * 40) * 60_000 - 6 * HOUR;
    const proposedMs = status === "OPEN" || status === "PENDING" ? NOW - 6 * HOUR - i * 60_000 : proposed;
    const m = pick(MARKETS);
    const dayLabel = new Date(proposedMs + DAY).toLocaleDateString("en-US", {
      month: "short",
      day: "numeric",
      timeZone: "UTC",
    });
    const side: "YES" | "NO" = rand() < 0.7 ? "YES" : "NO";
    const price = cents(850_000 + Math.floor(rand() * 120_000));
    const allocation = cents(20_000_000 + Math.floor(rand() * 30_000_000));
    const centis = Math.floor((allocation / price) * 100);
    const positionSize = Math.round((centis * price) / 100);
    const entryFee = takerFee(centis, price);
    const entryCost = positionSize + entryFee;
    const closeTime = proposedMs + (10 + Math.floor(rand() * 30)) * HOUR;
    const id = `t-${String(1000 + i)}`;
    const ticker = `${m.series}-26NOV${String(10 + (i % 18)).padStart(2, "0")}-T${50 + (i % 7)}`;
    const confidence = Math.min(0.99, price / 1_000_000 + 0.02 + rand() * 0.03);
    const filled = !["REJECTED", "FAILED"].includes(status);
    let pnl = 0;
    let exitPrice: number | null = null;
    let exitProceeds = 0;
    let exitFee = 0;
    let closedAt: number | null = null;
    let bid: number | null = null;
    if (status === "WON") {
      pnl = centis * 10_000 - entryCost;
      closedAt = closeTime + HOUR;
    } else if (status === "LOST") {
      pnl = -entryCost;
      closedAt = closeTime + HOUR;
    } else if (status === "STOPPED" || status === "CLOSED") {
      exitPrice = cents(status === "STOPPED" ? 760_000 + Math.floor(rand() * 40_000) : price + 30_000);
      exitProceeds = Math.round((centis * exitPrice) / 100);
      exitFee = takerFee(centis, exitPrice);
      pnl = exitProceeds - exitFee - entryCost;
      closedAt = proposedMs + 9 * HOUR;
    } else if (status === "VOID") {
      pnl = -entryFee;
      closedAt = closeTime + 2 * HOUR;
    } else if (status === "OPEN") {
      bid = cents(price + (i % 2 === 0 ? 20_000 : -40_000));
    }
    const realized = closedAt !== null;
    const analysisId = `a-${dayIndex}`;
    const scanId = `s-${dayIndex}`;
    const correlationId = `c-${id}`;
    const stages = SCAN_STAGES(4_600 + dayIndex * 13);
    const checks = [
      { check: "daily_budget", passed: true, detail: "$62.00 of $100.00 left today" },
      { check: "trades_per_day", passed: status !== "REJECTED" || i % 2 === 0, detail: "2 of 3 today" },
      { check: "position_size", passed: true, detail: "within $20–$50" },
      { check: "price_band", passed: true, detail: `${price / 10_000}¢ within 85–98¢` },
      { check: "liquidity", passed: status !== "REJECTED" || i % 2 === 1, detail: "$3,420 of depth" },
      { check: "breakers", passed: true, detail: "no breaker tripped" },
    ];
    const rejectionReasons =
      status === "REJECTED"
        ? checks.filter((c) => !c.passed).map((c) => ({ check: c.check, detail: c.detail }))
        : [];
    const marketData = {
      ticker,
      eventTicker: ticker.split("-").slice(0, 2).join("-"),
      seriesTicker: m.series,
      title: m.title(dayLabel),
      subtitle: "",
      category: m.category,
      status: "active",
      closeTime: iso(closeTime),
      yesBid: price - 10_000,
      yesAsk: price,
      noBid: 1_000_000 - price - 10_000,
      noAsk: 1_000_000 - price + 10_000,
      yesBidSize: 125_000,
      yesAskSize: 98_000,
      lastPrice: price - 10_000,
      volume: 4_812_300,
      openInterest: 1_203_400,
      result: "",
      rules: "",
      canCloseEarly: false,
    };
    const t0 = proposedMs - 40 * 60_000;
    const story: unknown[] = [
      {
        kind: "MARKET_OBSERVED",
        at: iso(t0),
        summary: `${ticker} ${side} at ${price / 10_000}¢ with $${(3_420).toLocaleString()} of depth.`,
        event: eventAt("MarketObserved", t0, marketData, correlationId),
        checks: null,
      },
      {
        kind: "SCAN",
        at: iso(proposedMs - 5 * 60_000),
        summary: `Morning scan: ${stages[0]?.count} markets → ${stages[stages.length - 1]?.count} candidates.`,
        event: eventAt(
          "CandidatesScanned",
          proposedMs - 5 * 60_000,
          {
            scanId,
            criteria: { minOdds: "0.85", maxOdds: "0.98" },
            stages: stages.map(({ name, count }) => ({ name, count })),
            candidates: [],
          },
          correlationId,
        ),
        checks: null,
      },
      {
        kind: "ANALYSIS",
        at: iso(proposedMs - 2 * 60_000),
        summary: `Claude picked ${ticker} ${side} at ${Math.round(confidence * 100)}% confidence.`,
        event: eventAt(
          "AnalysisCompleted",
          proposedMs - 2 * 60_000,
          {
            analysisId,
            scanId,
            selector: "ai",
            status: "accepted",
            model: "claude-sonnet-4-6",
            candidatesAnalyzed: 12,
            totalAllocated: allocation,
            inputTokens: 8_412,
            outputTokens: 1_106,
            cost: 41_800,
            latencyMs: 18_230,
          },
          correlationId,
        ),
        checks: null,
      },
      {
        kind: "PROPOSED",
        at: iso(proposedMs),
        summary: `Proposed: buy ${side} up to ${formatMicros(allocation)} at ≤ ${price / 10_000}¢.`,
        event: eventAt(
          "TradeProposed",
          proposedMs,
          {
            tradeId: id,
            ticker,
            side: side.toLowerCase(),
            allocation,
            limitPrice: price,
            closeTime: iso(closeTime),
            confidence,
          },
          correlationId,
        ),
        checks: null,
      },
      status === "REJECTED"
        ? {
            kind: "RISK_REJECTED",
            at: iso(proposedMs + 1_000),
            summary: `Risk refused: ${rejectionReasons.map((r) => r.check).join(", ")}.`,
            event: eventAt(
              "TradeRejected",
              proposedMs + 1_000,
              { tradeId: id, ticker, side: side.toLowerCase(), allocation, reasons: rejectionReasons },
              correlationId,
            ),
            checks,
          }
        : {
            kind: "RISK_PASSED",
            at: iso(proposedMs + 1_000),
            summary: "All pre-trade checks passed.",
            event: null,
            checks,
          },
    ];
    if (status !== "REJECTED") {
      const placedAt = proposedMs + 2_000;
      story.push({
        kind: "ORDER_PLACED",
        at: iso(placedAt),
        summary: `IOC buy ${fmtCentis(centis)} ${side} at ≤ ${price / 10_000}¢ (paper).`,
        event: eventAt(
          "OrderPlaced",
          placedAt,
          {
            tradeId: id,
            orderId: `o-${id}`,
            side: side.toLowerCase(),
            action: "buy",
            purpose: "entry",
            count: centis,
            limitPrice: price,
            timeInForce: "immediate_or_cancel",
            mode: "paper",
          },
          correlationId,
        ),
        checks: null,
      });
      if (status === "FAILED") {
        story.push({
          kind: "ORDER_FAILED",
          at: iso(placedAt + 800),
          summary: "No fill: the ask moved above the limit.",
          event: eventAt(
            "OrderFailed",
            placedAt + 800,
            {
              tradeId: id,
              orderId: `o-${id}`,
              side: side.toLowerCase(),
              purpose: "entry",
              reason: "no liquidity at or below the limit price",
            },
            correlationId,
          ),
          checks: null,
        });
      } else if (status !== "PENDING") {
        story.push({
          kind: "ORDER_FILLED",
          at: iso(placedAt + 600),
          summary: `Filled ${fmtCentis(centis)} at ${price / 10_000}¢, fee ${formatMicros(entryFee)}.`,
          event: eventAt(
            "OrderFilled",
            placedAt + 600,
            {
              tradeId: id,
              orderId: `o-${id}`,
              side: side.toLowerCase(),
              action: "buy",
              purpose: "entry",
              count: centis,
              price,
              fee: entryFee,
              isTaker: true,
              filledAt: iso(placedAt + 600),
            },
            correlationId,
          ),
          checks: null,
        });
      }
      if (status === "STOPPED" && exitPrice !== null && closedAt !== null) {
        story.push({
          kind: "STOP_TRIGGERED",
          at: iso(closedAt - 60_000),
          summary: `Bid fell to ${exitPrice / 10_000}¢, below the 80¢ stop.`,
          event: eventAt(
            "StopTriggered",
            closedAt - 60_000,
            {
              tradeId: id,
              side: side.toLowerCase(),
              triggerPrice: exitPrice,
              threshold: 800_000,
              source: "realtime",
            },
            correlationId,
          ),
          checks: null,
        });
      }
      if ((status === "STOPPED" || status === "CLOSED") && exitPrice !== null && closedAt !== null) {
        story.push({
          kind: "POSITION_CLOSED",
          at: iso(closedAt),
          summary: `Sold ${fmtCentis(centis)} at ${exitPrice / 10_000}¢: ${formatMicros(pnl)} after fees.`,
          event: eventAt(
            "PositionClosed",
            closedAt,
            {
              tradeId: id,
              side: side.toLowerCase(),
              reason: status === "STOPPED" ? "stop_loss" : "manual",
              contracts: centis,
              entryCost,
              exitPrice,
              proceeds: exitProceeds,
              fees: entryFee + exitFee,
              realizedPnl: pnl,
            },
            correlationId,
          ),
          checks: null,
        });
      }
      if ((status === "WON" || status === "LOST" || status === "VOID") && closedAt !== null) {
        const outcome = status.toLowerCase();
        story.push({
          kind: "RESOLVED",
          at: iso(closedAt),
          summary: `Market settled ${outcome === "void" ? "void" : side === (status === "WON" ? "YES" : "NO") ? "yes" : "no"}: trade ${outcome}, ${formatMicros(pnl)} after fees.`,
          event: eventAt(
            "Resolved",
            closedAt,
            {
              tradeId: id,
              side: side.toLowerCase(),
              marketResult: status === "VOID" ? "void" : "yes",
              outcome,
              contracts: centis,
              entryCost,
              payout: status === "WON" ? centis * 10_000 : 0,
              fees: entryFee,
              realizedPnl: pnl,
              settledAt: iso(closedAt),
            },
            correlationId,
          ),
          checks: null,
        });
      }
    }
    const unrealized =
      bid !== null ? Math.round((centis * bid) / 100) - takerFee(centis, bid) - entryCost : null;
    trades.push({
      id,
      ticker,
      title: m.title(dayLabel),
      category: m.category,
      seriesTicker: m.series,
      side,
      status,
      proposedAt: iso(proposedMs),
      executedAt: filled ? iso(proposedMs + 2_600) : null,
      closedAt: closedAt !== null ? iso(closedAt) : null,
      closeTime: iso(closeTime),
      allocation: money(allocation),
      limitPrice: money(price),
      entryPrice: filled && status !== "PENDING" ? money(price) : null,
      exitPrice: exitPrice !== null ? money(exitPrice) : null,
      contractsPurchased: filled && status !== "PENDING" ? fmtCentis(centis) : "0.00",
      contractsSold: exitPrice !== null ? fmtCentis(centis) : "0.00",
      contractsHeld: status === "OPEN" ? fmtCentis(centis) : "0.00",
      positionSize: money(filled ? positionSize : 0),
      entryFees: money(filled ? entryFee : 0),
      entryCost: money(filled ? entryCost : 0),
      exitProceeds: money(exitProceeds),
      exitFees: money(exitFee),
      realizedPnl: realized ? money(pnl) : null,
      roi: realized && entryCost > 0 ? pnl / entryCost : null,
      unrealizedPnl: unrealized !== null ? money(unrealized) : null,
      aiConfidence: Math.round(confidence * 1000) / 1000,
      aiReasoning: pick(REASONS),
      riskFactors: [pick(RISKS), pick(RISKS)].filter((r, j, all) => all.indexOf(r) === j),
      rejectionReasons,
      analysisId,
      scanId,
      clientOrderId: status === "REJECTED" ? null : `co-${id}`,
      orderId: status === "REJECTED" ? null : `o-${id}`,
      stopTriggeredAt: status === "STOPPED" && closedAt !== null ? iso(closedAt - 60_000) : null,
      correlationId,
      market: {
        ticker,
        eventTicker: marketData.eventTicker,
        seriesTicker: m.series,
        question: m.title(dayLabel),
        subtitle: "",
        category: m.category,
        status: realized ? "finalized" : "active",
        resolved: realized,
        result: realized ? "yes" : "",
        closeTime: iso(closeTime),
        yesBid: money(price - 10_000),
        yesAsk: money(price),
        noBid: money(1_000_000 - price - 10_000),
        noAsk: money(1_000_000 - price + 10_000),
        lastPrice: money(price - 10_000),
        volume: "48123.00",
        openInterest: "12034.00",
        observedAt: iso(NOW - 4 * 60_000),
      },
      decision: null,
      story,
      _pnl: realized ? pnl : 0,
      _cost: filled ? entryCost : 0,
      _fees: (filled ? entryFee : 0) + exitFee,
      _bid: bid,
      _centis: centis,
      _dayIndex: dayIndex,
    });
  });
  return trades;
}

export const trades = buildTrades();

function scanFor(dayIndex: number, scannedAt: number) {
  const stages = SCAN_STAGES(4_600 + dayIndex * 13);
  const count = stages[stages.length - 1]?.count ?? 0;
  const candidates = Array.from({ length: count }, (_, i) => {
    const m = MARKETS[(dayIndex + i) % MARKETS.length] ?? MARKETS[0];
    const price = cents(860_000 + ((i * 37 + dayIndex * 11) % 110) * 1_000);
    const hours = 6 + ((i * 7) % 40);
    return {
      ticker: `${m.series}-26NOV${25 + (i % 3)}-T${40 + i}`,
      title: m.title("Nov 26"),
      category: m.category,
      seriesTicker: m.series,
      side: i % 4 === 3 ? "NO" : "YES",
      price: money(price),
      closeTime: iso(scannedAt + hours * HOUR),
      hoursToClose: hours,
      entryDepth: money(2_000_000_000 + i * 310_000_000),
      exitDepth: money(1_400_000_000 + i * 120_000_000),
      evPerDollarAfterFees: Math.round((0.004 + ((i * 13) % 30) / 1000) * 10_000) / 10_000,
      historicalWinRate: i % 5 === 4 ? null : Math.min(0.995, price / 1_000_000 + 0.015),
      evPerDollarHistorical: i % 5 === 4 ? null : 0.011,
    };
  });
  return {
    id: `s-${dayIndex}`,
    scannedAt: iso(scannedAt),
    criteria: [
      { name: "Price band", value: "85–98¢" },
      { name: "Max days to resolution", value: "2" },
      { name: "Min depth", value: "$2,000.00" },
      { name: "Excluded categories", value: "none" },
    ],
    stages,
    candidateCount: candidates.length,
    candidates,
  };
}

function buildDecisions() {
  const byDay = new Map<number, FixtureTrade[]>();
  for (const t of trades) byDay.set(t._dayIndex, [...(byDay.get(t._dayIndex) ?? []), t]);
  const decisions = [];
  for (let day = 44; day >= 0; day--) {
    const picked = byDay.get(day) ?? [];
    const runAt = NOW - (45 - day) * DAY + 2 * HOUR;
    const scan = scanFor(day, runAt - 5 * 60_000);
    const selector = day % 9 === 4 ? "rules" : "ai";
    const inputTokens = selector === "ai" ? 7_900 + day * 23 : 0;
    const outputTokens = selector === "ai" ? 950 + day * 7 : 0;
    const cost = selector === "ai" ? Math.round(inputTokens * 3 + outputTokens * 15) : 0;
    const total = picked.reduce((a, t) => a + Number(t.allocation.micros), 0);
    const decision = {
      id: `a-${day}`,
      runAt: iso(runAt),
      scanId: scan.id,
      selector,
      status: selector === "rules" ? "fallback" : day % 11 === 3 ? "repaired" : "accepted",
      model: selector === "ai" ? "claude-sonnet-4-6" : null,
      promptVersion: selector === "ai" ? "v3" : null,
      promptHash: selector === "ai" ? "9f2c1e" : null,
      candidatesAnalyzed: scan.candidateCount,
      picksCount: picked.length,
      totalAllocated: money(total),
      picks: picked.map((t) => ({
        ticker: t.ticker,
        side: t.side,
        allocation: t.allocation,
        confidence: t.aiConfidence,
        reasoning: t.aiReasoning,
        riskFactors: t.riskFactors,
      })),
      probabilities: scan.candidates.map((c) => ({
        ticker: c.ticker,
        side: c.side,
        probability: Math.min(0.995, Number(c.price.micros) / 1_000_000 + 0.02),
      })),
      strategyNotes:
        picked.length === 0
          ? "No candidate cleared the bar today: spreads were wide and two of the three best were correlated."
          : "Favoured short-dated weather and index markets with wide margins to the threshold; skipped sports with late injury news.",
      rejectionReasons: day % 11 === 3 ? ["allocation above MAX_POSITION_SIZE repaired to $50.00"] : [],
      rawResponse: "{ … }",
      inputTokens,
      outputTokens,
      cost: money(cost),
      latencyMs: selector === "ai" ? 14_000 + day * 97 : 12,
      scan,
      trades: picked,
    };
    for (const t of picked) t.decision = decision;
    decisions.push(decision);
  }
  return decisions;
}

export const decisions = buildDecisions();
export const latestScan = scanFor(45, NOW - 6 * HOUR - 5 * 60_000);
export const scans = [latestScan, ...decisions.slice(0, 9).map((d) => d.scan)];

export function calibration() {
  const buckets = [];
  for (let i = 0; i < 10; i++) {
    const lower = 0.8 + i * 0.02;
    const upper = lower + 0.02;
    const count = i < 2 ? 0 : 2 + ((i * 5) % 9);
    const mean = lower + 0.011;
    const observed = Math.min(1, mean + (i % 3 === 0 ? -0.04 : 0.015));
    buckets.push({
      lower: Math.round(lower * 100) / 100,
      upper: Math.round(upper * 100) / 100,
      count,
      meanProbability: count ? mean : null,
      observedFrequency: count ? observed : null,
    });
  }
  return {
    points: buckets.reduce((a, b) => a + b.count, 0),
    brier: 0.0712,
    buckets,
    byModel: [
      {
        selector: "ai",
        model: "claude-sonnet-4-6",
        promptVersion: "v3",
        count: 38,
        brier: 0.0684,
        meanProbability: 0.931,
        observedFrequency: 0.921,
      },
      {
        selector: "rules",
        model: null,
        promptVersion: null,
        count: 6,
        brier: 0.0891,
        meanProbability: 0.912,
        observedFrequency: 0.833,
      },
    ],
  };
}

/** Everything the overview reports, computed from the trades. */
export function overview(state: { tradingState: unknown }, days = 90) {
  const start = 1_000_000_000;
  const closed = trades
    .filter((t) => t.realizedPnl !== null)
    .sort((a, b) => (a.closedAt ?? "").localeCompare(b.closedAt ?? ""));
  const open = trades.filter((t) => t.status === "OPEN");
  const realized = closed.reduce((a, t) => a + t._pnl, 0);
  const invested = closed.reduce((a, t) => a + t._cost, 0);
  const fees = trades.reduce((a, t) => a + t._fees, 0);
  const openCost = open.reduce((a, t) => a + t._cost, 0);
  const unrealized = open.reduce((a, t) => a + Number(t.unrealizedPnl?.micros ?? 0), 0);
  const openValue = openCost + unrealized;
  const wins = closed.filter((t) => t.status === "WON").length;
  const losses = closed.filter((t) => t.status === "LOST" || t.status === "STOPPED").length;
  const byDay = new Map<string, FixtureTrade[]>();
  for (const t of closed) {
    const day = (t.closedAt ?? "").slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), t]);
  }
  let cumulative = 0;
  const equityCurve = [];
  const dailyPnl = [];
  for (const [date, group] of [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const pnl = group.reduce((a, t) => a + t._pnl, 0);
    cumulative += pnl;
    equityCurve.push({ date, cumulativePnl: money(cumulative), equity: money(start + cumulative) });
    const w = group.filter((t) => t.status === "WON").length;
    const l = group.filter((t) => t.status === "LOST" || t.status === "STOPPED").length;
    if (Date.parse(date) >= NOW - days * DAY)
      dailyPnl.push({
        date,
        pnl: money(pnl),
        invested: money(group.reduce((a, t) => a + t._cost, 0)),
        trades: group.length,
        wins: w,
        losses: l,
        voids: group.filter((t) => t.status === "VOID").length,
        stopLosses: group.filter((t) => t.status === "STOPPED").length,
        winRate: w + l > 0 ? w / (w + l) : null,
        returnPct: (pnl / group.reduce((a, t) => a + t._cost, 0)) * 100,
      });
  }
  const balance = start + realized - openCost;
  return {
    asOf: iso(NOW),
    mode: "PAPER",
    balance: money(balance),
    balanceSource: "PAPER_LEDGER",
    balanceAsOf: iso(NOW),
    bankroll: money(balance + openValue),
    totalPnl: money(realized + unrealized),
    realizedPnl: money(realized),
    unrealizedPnl: money(unrealized),
    feesPaid: money(fees),
    invested: money(invested),
    winRate: wins + losses > 0 ? wins / (wins + losses) : null,
    roi: invested > 0 ? realized / invested : null,
    wins,
    losses,
    voids: closed.filter((t) => t.status === "VOID").length,
    stopLosses: closed.filter((t) => t.status === "STOPPED").length,
    closedTrades: closed.length,
    openPositionCount: open.length,
    unpricedPositions: 0,
    openCost: money(openCost),
    openValue: money(openValue),
    tradingState: state.tradingState,
    equityCurve,
    dailyPnl,
  };
}

export function positions() {
  return trades
    .filter((t) => t.status === "OPEN")
    .map((t) => {
      const bid = t._bid ?? 0;
      const value = Math.round((t._centis * bid) / 100) - takerFee(t._centis, bid);
      return {
        trade: t,
        tradeId: t.id,
        ticker: t.ticker,
        title: t.title,
        side: t.side,
        contracts: t.contractsHeld,
        entryPrice: t.entryPrice,
        entryCost: t.entryCost,
        bid: money(bid),
        marketValue: money(value),
        unrealizedPnl: t.unrealizedPnl,
        unrealizedPnlPct: (Number(t.unrealizedPnl?.micros ?? 0) / t._cost) * 100,
        closeTime: t.closeTime,
        quotedAt: iso(NOW - 90_000),
      };
    });
}

/** Moves open positions' bids a cent up or down: what a live feed would do. */
export function jiggleBids(): void {
  for (const t of trades) {
    if (t.status !== "OPEN" || t._bid === null) continue;
    t._bid = Math.min(990_000, Math.max(700_000, t._bid + (rand() < 0.5 ? -10_000 : 10_000)));
    const value = Math.round((t._centis * t._bid) / 100) - takerFee(t._centis, t._bid);
    t.unrealizedPnl = money(value - t._cost);
  }
}

function monthStats(month: string) {
  const closed = trades.filter((t) => t.realizedPnl !== null && (t.closedAt ?? "").startsWith(month));
  const stats = (group: FixtureTrade[]) => {
    const wins = group.filter((t) => t.status === "WON").length;
    const losses = group.filter((t) => t.status === "LOST" || t.status === "STOPPED").length;
    const invested = group.reduce((a, t) => a + t._cost, 0);
    const pnl = group.reduce((a, t) => a + t._pnl, 0);
    return {
      trades: group.length,
      wins,
      losses,
      voids: group.filter((t) => t.status === "VOID").length,
      stopLosses: group.filter((t) => t.status === "STOPPED").length,
      invested,
      pnl,
      winRate: wins + losses > 0 ? wins / (wins + losses) : null,
      roi: invested > 0 ? (pnl / invested) * 100 : null,
      avgRoi: invested > 0 ? (pnl / invested) * 100 : null,
    };
  };
  const group = (key: (t: FixtureTrade) => string) => {
    const map = new Map<string, FixtureTrade[]>();
    for (const t of closed) map.set(key(t), [...(map.get(key(t)) ?? []), t]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const byCategory = group((t) => t.category).map(([k, g]) => [k, stats(g)] as const);
  const ranked = byCategory.map(([category, s]) => ({
    category,
    trades: s.trades,
    pnl: s.pnl,
    roi: s.roi,
    winRate: s.winRate,
  }));
  const total = stats(closed);
  return {
    total,
    marketTypeAnalysis: Object.fromEntries(byCategory),
    seriesAnalysis: Object.fromEntries(
      group((t) => t.seriesTicker).map(([k, g]) => [
        k,
        { ...stats(g), categories: [...new Set(g.map((t) => t.category))] },
      ]),
    ),
    topMarketTypes: ranked
      .filter((r) => r.pnl > 0)
      .sort((a, b) => b.pnl - a.pnl)
      .slice(0, 3),
    worstMarketTypes: ranked
      .filter((r) => r.pnl < 0)
      .sort((a, b) => a.pnl - b.pnl)
      .slice(0, 3),
  };
}

export function monthlyAnalyses() {
  return ["2026-11", "2026-10"].map((month) => {
    const s = monthStats(month);
    const best = s.topMarketTypes[0];
    const worst = s.worstMarketTypes[0];
    return {
      month,
      reportId: `r-monthly-${month}`,
      generatedAt: month === "2026-11" ? iso(NOW) : "2026-11-01T00:00:04.000Z",
      totalTrades: s.total.trades,
      totalInvested: money(s.total.invested),
      totalPnl: money(s.total.pnl),
      winRate: s.total.winRate,
      avgRoi: s.total.avgRoi,
      marketTypeAnalysis: s.marketTypeAnalysis,
      seriesAnalysis: s.seriesAnalysis,
      topMarketTypes: s.topMarketTypes,
      worstMarketTypes: s.worstMarketTypes,
      calibration: {},
      insights: [
        `${month}: ${s.total.trades} trades closed, ${formatMicros(s.total.pnl)} after fees.`,
        best
          ? `${best.category} made the most: ${formatMicros(best.pnl)} over ${best.trades} trades.`
          : "No category made money.",
        worst
          ? `${worst.category} lost ${formatMicros(-worst.pnl)}; consider tightening its price band.`
          : "No category lost money.",
        "Stated probabilities ran about 1 point above outcomes in the 90–94% range: slightly overconfident.",
      ].join("\n"),
    };
  });
}

export const errors = [
  {
    id: "e-1",
    at: iso(NOW - 2 * HOUR),
    source: "exchange:GET /markets",
    message: "429 Too Many Requests (retried 3 times)",
    stack: null,
    context: { endpoint: "/trade-api/v2/markets", cursor: "CgoKCAjL", attempt: 3, retryAfterMs: 1200 },
  },
  {
    id: "e-2",
    at: iso(NOW - 9 * HOUR),
    source: "ai",
    message: "Model response failed validation; repaired",
    stack: null,
    context: {
      analysisId: "a-44",
      issues: [{ path: ["selections", 1, "allocation"], message: "above MAX_POSITION_SIZE" }],
      model: "claude-sonnet-4-6",
    },
  },
  {
    id: "e-3",
    at: iso(NOW - 30 * HOUR),
    source: "refresh-markets",
    message: "WebSocket closed unexpectedly (1006); reconnecting",
    stack:
      "Error: socket hang up\n    at WebSocket.onclose (engine/exchange/feed.ts:142:19)\n    at emit (node:events:518:28)",
    context: { reconnectInMs: 2000, subscriptions: 14 },
  },
  {
    id: "e-4",
    at: iso(NOW - 3 * DAY),
    source: "notify:slack",
    message: "Slack webhook returned 500",
    stack: null,
    context: { status: 500, body: "internal_error", notification: "morning-report" },
  },
  {
    id: "e-5",
    at: iso(NOW - 6 * DAY),
    source: "check-resolutions",
    message: "Market KXJOBLESS-26NOV19 settled 'scalar'; treated as void",
    stack: null,
    context: { ticker: "KXJOBLESS-26NOV19-T260", result: "scalar" },
  },
];

export const config = {
  accountId: "default",
  timezone: "America/New_York",
  logLevel: "info",
  trading: {
    mode: "PAPER",
    dailyBudget: money(100_000_000),
    minOdds: money(850_000),
    maxOdds: money(980_000),
    maxDaysToResolution: 2,
    minLiquidity: money(2_000_000_000),
    minPositionSize: money(20_000_000),
    maxPositionSize: money(50_000_000),
    maxTradesPerDay: 3,
    stopLossThreshold: money(800_000),
    maxLossesInStreak: 5,
    maxStopLosses24h: 3,
    paperStartingBalance: money(1_000_000_000),
  },
  database: { kind: "pglite", dataDir: "./data", url: null, passwordConfigured: null },
  server: { host: "127.0.0.1", port: 3000, dashboardPasswordConfigured: true, apiTokenConfigured: false },
  kalshi: {
    env: "demo",
    restUrl: "https://demo-api.kalshi.co/trade-api/v2",
    wsUrl: "wss://demo-api.kalshi.co/trade-api/ws/v2",
    tier: "basic",
    apiKeyId: "a1b2c3d4-…",
    privateKeyConfigured: true,
  },
  ai: {
    enabled: true,
    keySource: "ANTHROPIC_API_KEY",
    baseUrl: null,
    model: "claude-sonnet-4-6",
    timeoutMs: 60_000,
    maxRetries: 2,
    dailyCostCap: money(5_000_000),
  },
  schedules: {
    timezone: "America/New_York",
    refreshMarkets: "*/5 * * * *",
    dailyScan: "0 8 * * *",
    morningReport: "0 7 * * *",
    stopLoss: "0 */2 * * *",
    checkResolutions: "0 */6 * * *",
    monthlyAnalysis: "0 0 1 * *",
  },
  notify: {
    slackConfigured: true,
    discordConfigured: false,
    telegramConfigured: false,
    webhookConfigured: false,
  },
  variables: [
    { name: "ACCOUNT_ID", source: "default", value: "default" },
    { name: "TRADING_MODE", source: "env", value: "paper" },
    { name: "TZ", source: "env", value: "America/New_York" },
    { name: "DAILY_BUDGET", source: "default", value: "100" },
    { name: "MIN_ODDS", source: "default", value: "0.85" },
    { name: "MAX_ODDS", source: "default", value: "0.98" },
    { name: "DASHBOARD_PASSWORD", source: "env", value: "<redacted>" },
    { name: "API_TOKEN", source: "unset", value: null },
    { name: "ANTHROPIC_API_KEY", source: "env", value: "<redacted>" },
    { name: "KALSHI_ENV", source: "env", value: "demo" },
  ],
};

export function health() {
  return {
    ready: true,
    database: { status: "OK", detail: "pglite, 3 ms" },
    exchange: { status: "OK", detail: "demo, 84 ms" },
    ai: { status: "DEGRADED", detail: "$3.10 of $5.00 daily cap used" },
    schedules: [
      { job: "refresh-markets", next: iso(NOW + 4 * 60_000), running: false },
      { job: "daily-scan", next: iso(NOW + 17.5 * HOUR), running: false },
      { job: "morning-report", next: iso(NOW + 16.5 * HOUR), running: false },
      { job: "stop-loss", next: iso(NOW + 90 * 60_000), running: false },
      { job: "check-resolutions", next: iso(NOW + 3.5 * HOUR), running: false },
      { job: "monthly-analysis", next: "2026-12-01T05:00:00.000Z", running: false },
    ],
    projectionLag: 0,
    leader: true,
    jobs: [
      "refresh-markets",
      "daily-scan",
      "morning-report",
      "stop-loss",
      "check-resolutions",
      "monthly-analysis",
    ],
  };
}
