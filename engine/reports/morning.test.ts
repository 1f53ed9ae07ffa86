import { describe, expect, test } from "bun:test";
import { ReportGenerated } from "../../events/catalog/report-generated.ts";
import type { Centis, Micros } from "../money/money.ts";
import { quoteFromRow } from "../risk/quote.ts";
import { buildMorningReport, type MorningBody } from "./morning.ts";
import { $, tradeRow } from "./testing.ts";

// 07:00 in New York (EDT) on 10 March 2026: "yesterday" is 9 March local.
const NOW = Date.parse("2026-03-10T11:00:00Z");
const open = { status: "open", pnl: null, resolved_at: null } as const;

const trades = [
  // Opened yesterday, still open: 31 YES at 95¢, now bid 90¢.
  tradeRow({
    ...open,
    id: "yes-open",
    contract_id: "KXYES",
    executed_at: "2026-03-09T14:00:00Z",
    close_time: "2026-03-11T00:00:00Z",
  }),
  // NO bought at 92¢ two days ago; YES trades at 7–8¢ so our NO bid is 92¢.
  tradeRow({
    ...open,
    id: "no-open",
    contract_id: "KXNO",
    side: "no",
    entry_odds: $(0.92),
    position_size: $(27.6),
    entry_fees: $(0.1546),
    contracts_purchased: 3000,
    executed_at: "2026-03-08T14:00:00Z",
    close_time: "2026-03-10T23:00:00Z",
  }),
  // Open, but the market has no bid at all.
  tradeRow({
    ...open,
    id: "dark",
    contract_id: "KXDARK",
    executed_at: "2026-03-08T14:00:00Z",
    close_time: "2026-03-12T00:00:00Z",
  }),
  // Won yesterday (local): settled 2026-03-10T01:00Z = 21:00 on 9 March in New York.
  tradeRow({
    id: "won",
    contract_id: "KXWON",
    executed_at: "2026-03-08T13:00:00Z",
    resolved_at: "2026-03-10T01:00:00Z",
  }),
  // Rejected yesterday.
  tradeRow({
    id: "rej",
    status: "rejected",
    contracts_purchased: 0,
    position_size: 0,
    entry_fees: 0,
    executed_at: null,
    pnl: null,
    resolved_at: null,
    proposed_at: "2026-03-09T13:00:00Z",
  }),
  // Closed today: not yesterday's activity.
  tradeRow({
    id: "today",
    contract_id: "KXTODAY",
    executed_at: "2026-03-08T13:00:00Z",
    resolved_at: "2026-03-10T10:00:00Z",
  }),
];

const prices = new Map([
  ["KXYES", quoteFromRow({ yes_bid: $(0.9), yes_ask: $(0.91), no_bid: null, no_ask: null })],
  ["KXNO", quoteFromRow({ yes_bid: $(0.07), yes_ask: $(0.08), no_bid: null, no_ask: null })],
  ["KXDARK", quoteFromRow({ yes_bid: 0, yes_ask: 1_000_000, no_bid: 0, no_ask: 1_000_000 })],
]);

describe("morning report", () => {
  const r = buildMorningReport({
    accountId: "acc",
    now: NOW,
    timeZone: "America/New_York",
    trades,
    prices,
    cash: $(400) as Micros,
  });
  const body = r.body as MorningBody;

  test("is ReportGenerated data for today's local date", () => {
    expect(ReportGenerated.schema.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      reportId: "report:acc:morning:2026-03-10",
      kind: "morning",
      period: "2026-03-10",
    });
  });

  test("yesterday's activity in the local day", () => {
    expect(body.yesterday.date).toBe("2026-03-09");
    expect(body.yesterday.opened.map((a) => a.tradeId)).toEqual(["yes-open"]);
    expect(body.yesterday.closed.map((a) => a.tradeId)).toEqual(["won"]);
    expect(body.yesterday.rejected).toBe(1);
    expect(body.yesterday.metrics).toMatchObject({ totalTrades: 1, wins: 1, totalPnl: $(1.4469) });
  });

  test("open positions are marked at their own side's bid after the exit fee", () => {
    const [no, yes, dark] = body.openPositions; // ordered by close time
    expect(yes).toMatchObject({
      tradeId: "yes-open",
      bid: $(0.9),
      marketValue: $(27.7047),
      unrealizedPnl: $(27.7047 - 29.5531),
    });
    // NO judged by the NO bid (1 − YES ask = 92¢), not the YES price of 7¢.
    // 30 × 0.92 = 27.60, fee roundup(0.07 × 30 × 0.92 × 0.08) = 0.1546 → 27.4454.
    expect(no).toMatchObject({
      tradeId: "no-open",
      side: "no",
      bid: $(0.92),
      marketValue: $(27.4454),
      unrealizedPnl: $(27.4454 - 27.7546),
    });
    expect(dark).toMatchObject({ tradeId: "dark", bid: null, marketValue: null, unrealizedPnl: null });
  });

  test("the bankroll counts unpriced positions at zero", () => {
    expect(body.bankroll).toEqual({
      cash: $(400),
      openCost: $(29.5531 + 27.7546 + 29.5531),
      openValue: $(27.7047 + 27.4454),
      unrealizedPnl: $(27.7047 + 27.4454 - 29.5531 - 27.7546 - 29.5531),
      unpriced: 1,
      total: $(400 + 27.7047 + 27.4454),
    });
    expect(r.summary).toBe(
      "Yesterday (2026-03-09): 1 opened for $29.55, 1 closed for +$1.45, 1 rejected. " +
        "3 open positions, unrealized -$31.71 (1 without a bid, counted at $0). Bankroll $455.15 (cash $400.00).",
    );
  });

  test("partly sold positions show what is still held, at its share of the cost", () => {
    const partial = tradeRow({ ...open, id: "p", contract_id: "KXYES", contracts_sold: 1000 as Centis });
    const out = buildMorningReport({
      accountId: "acc",
      now: NOW,
      timeZone: "UTC",
      trades: [partial],
      prices,
      cash: 0 as Micros,
    });
    const [p] = (out.body as MorningBody).openPositions;
    expect(p).toMatchObject({ contracts: 2100, entryCost: Math.round((29_553_100 * 21) / 31) });
  });
});
