/**
 * Trading through the exchange: fees from engine/money/fees.ts by series fee type, reduce-only,
 * balance checks, resting orders filled as the market moves, settlement, and the ledger
 * reconciling to the micro under random trading.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { tradingFee } from "../../engine/money/fees.ts";
import { type Centis, type Micros, notional } from "../../engine/money/money.ts";
import { systemClock } from "../../engine/time/clock.ts";
import { SimClock } from "../core/clock.ts";
import { loadScenario } from "../scenario/runner.ts";
import { parseScenario } from "../scenario/schema.ts";
import { ApiError } from "./errors.ts";
import { Exchange } from "./exchange.ts";
import { cancelOrder, type OrderRequest, placeOrder } from "./trading.ts";

const START = Date.UTC(2026, 0, 5, 12);
const c = (contracts: number) => (contracts * 100) as Centis;
const p = (cents: number) => (cents * 10_000) as Micros;

function exchange(balanceCents = 100_000): Exchange {
  const clock = new SimClock({ mode: "manual", start: START }, systemClock);
  const ex = new Exchange({
    seed: 3,
    markets: 1,
    clock,
    wall: systemClock,
    startingBalanceCents: balanceCents,
  });
  loadScenario(
    ex,
    parseScenario({
      markets: [
        { ticker: "FAVQ-A", yes_price: "0.955", close: "2d", daily_volatility: 0 },
        {
          ticker: "MKR-A",
          yes_price: "0.605",
          close: "2d",
          daily_volatility: 0,
          fee_type: "quadratic_with_maker_fees",
        },
        { ticker: "HALF-A", yes_price: "0.905", close: "2d", daily_volatility: 0, fee_multiplier: 0.5 },
        { ticker: "FLAT-A", yes_price: "0.505", close: "2d", daily_volatility: 0, fee_type: "flat" },
        {
          ticker: "WALK-A",
          yes_price: "0.90",
          close: "3d",
          daily_volatility: 0.4,
          price_level_structure: "tapered_deci_cent",
        },
      ],
      steps: [],
    }),
  );
  return ex;
}

const req = (
  ticker: string,
  side: "bid" | "ask",
  cents: number,
  contracts: number,
  extra: Partial<OrderRequest> = {},
): OrderRequest => ({
  ticker,
  side,
  price: p(cents),
  count: c(contracts),
  tif: "immediate_or_cancel",
  stp: "taker_at_cross",
  postOnly: false,
  reduceOnly: false,
  cancelOnPause: false,
  clientOrderId: "",
  ...extra,
});

const user = (ex: Exchange) => ex.account(ex.defaultUserId);
/** Best YES ask / bid in whole cents (the scenario markets are on the 1¢ grid). */
const ask = (ex: Exchange, t: string) => Math.round((ex.bookOf(ex.market(t))?.asks[0]?.price ?? 0) / 10_000);
const bid = (ex: Exchange, t: string) => Math.round((ex.bookOf(ex.market(t))?.bids[0]?.price ?? 0) / 10_000);

describe("fees and cash", () => {
  test("a taker buy pays price × count plus the quadratic taker fee, rounded up once per order", () => {
    const ex = exchange();
    const before = user(ex).cash;
    const a = ask(ex, "FAVQ-A");
    const { order } = placeOrder(ex, user(ex), req("FAVQ-A", "bid", a, 10));
    expect(order.status).toBe("executed");
    const fee = tradingFee(p(a), c(10), "taker", ex.catalog.seriesByTicker.get("FAVQ")?.fees);
    expect(tradingFee(p(96), c(10), "taker")).toBe(26_900 as Micros); // 0.07 × 10 × 0.96 × 0.04 = $0.02688 → $0.0269
    expect(order.takerFees).toBe(fee);
    expect(user(ex).cash).toBe(before - notional(p(a), c(10)) - fee);
    expect(ex.ledger().reconciliation.balanced).toBe(true);
  });

  test("fee multiplier 0.5 halves the fee; flat series pay no formula fee", () => {
    const ex = exchange();
    const a = ask(ex, "HALF-A");
    const half = placeOrder(ex, user(ex), req("HALF-A", "bid", a, 10)).order;
    expect(half.filled).toBe(c(10));
    expect(half.takerFees).toBe(
      tradingFee(p(a), c(10), "taker", { feeType: "quadratic", multiplier: 5000 as never }),
    );
    expect(half.takerFees).toBeLessThan(tradingFee(p(a), c(10), "taker"));
    const flat = placeOrder(ex, user(ex), req("FLAT-A", "bid", ask(ex, "FLAT-A"), 10)).order;
    expect(flat.filled).toBe(c(10));
    expect(flat.takerFees).toBe(0);
  });

  test("sells close a position and realise P&L; asks with no position open NO at 1 − p", () => {
    const ex = exchange();
    const a = ask(ex, "FAVQ-A");
    const b = bid(ex, "FAVQ-A");
    placeOrder(ex, user(ex), req("FAVQ-A", "bid", a, 10));
    placeOrder(ex, user(ex), req("FAVQ-A", "ask", b, 4));
    const pos = user(ex).positions.get("FAVQ-A");
    expect(pos?.position).toBe(c(6));
    expect(pos?.realizedPnl).toBe(notional(p(b), c(4)) - notional(p(a), c(4)));
    expect(pos?.cost).toBe(notional(p(a), c(6)));
    placeOrder(ex, user(ex), req("FAVQ-A", "ask", b, 10));
    expect(user(ex).positions.get("FAVQ-A")?.position).toBe(-c(4));
    expect(user(ex).positions.get("FAVQ-A")?.cost).toBe(notional(p(100 - b), c(4)));
    expect(ex.ledger().reconciliation.balanced).toBe(true);
  });

  test("insufficient balance is a 400 and changes nothing", () => {
    const ex = exchange(500); // $5
    expect(() => placeOrder(ex, user(ex), req("FAVQ-A", "bid", ask(ex, "FAVQ-A"), 10))).toThrow(ApiError);
    expect(user(ex).orders.size).toBe(0);
    expect(user(ex).cash).toBe(5_000_000);
  });
});

describe("order rules", () => {
  test("reduce_only is capped at the position and cancelled when there is nothing to reduce", () => {
    const ex = exchange();
    const none = placeOrder(
      ex,
      user(ex),
      req("FAVQ-A", "ask", bid(ex, "FAVQ-A"), 5, { reduceOnly: true }),
    ).order;
    expect(none.status).toBe("canceled");
    expect(none.lastUpdateReason).toBe("ReduceOnlyCancel");
    placeOrder(ex, user(ex), req("FAVQ-A", "bid", ask(ex, "FAVQ-A"), 3));
    const capped = placeOrder(
      ex,
      user(ex),
      req("FAVQ-A", "ask", bid(ex, "FAVQ-A"), 5, { reduceOnly: true }),
    ).order;
    expect(capped.filled).toBe(c(3));
    expect(user(ex).positions.get("FAVQ-A")?.position).toBe(0);
  });

  test("duplicate client_order_id → 409; off-grid price → 400; closed market → 400", () => {
    const ex = exchange();
    placeOrder(ex, user(ex), req("FAVQ-A", "bid", 90, 1, { tif: "good_till_canceled", clientOrderId: "x" }));
    expect(() => placeOrder(ex, user(ex), req("FAVQ-A", "bid", 90, 1, { clientOrderId: "x" }))).toThrow(
      expect.objectContaining({ status: 409 }) as never,
    );
    expect(() =>
      placeOrder(ex, user(ex), { ...req("FAVQ-A", "bid", 90, 1), price: 905_000 as Micros }),
    ).toThrow(expect.objectContaining({ status: 400, code: "invalid_price" }) as never);
    // The tapered grid accepts 0.1¢ ticks above 90¢.
    expect(
      placeOrder(ex, user(ex), { ...req("WALK-A", "bid", 80, 1), price: 905_000 as Micros }).order.status,
    ).not.toBe("resting");
    ex.advance(3 * 86_400_000);
    expect(() => placeOrder(ex, user(ex), req("FAVQ-A", "bid", 95, 1))).toThrow(
      expect.objectContaining({ status: 400 }) as never,
    );
  });

  test("a resting bid is filled as maker when the market falls through it; maker fees where the series has them", () => {
    const ex = exchange();
    const resting = placeOrder(
      ex,
      user(ex),
      req("MKR-A", "bid", 58, 10, { tif: "good_till_canceled" }),
    ).order;
    expect(resting.status).toBe("resting");
    expect(user(ex).reserved).toBe(
      notional(p(58), c(10)) +
        tradingFee(p(58), c(10), "maker", {
          feeType: "quadratic_with_maker_fees",
          multiplier: 10_000 as never,
        }),
    );
    ex.setPrice("MKR-A", p(50), true);
    ex.advance(60_000);
    expect(resting.status).toBe("executed");
    const fill = user(ex).fills.at(-1);
    expect(fill?.isTaker).toBe(false);
    expect(fill?.price).toBe(p(58));
    expect(resting.makerFees).toBe(
      tradingFee(p(58), c(10), "maker", {
        feeType: "quadratic_with_maker_fees",
        multiplier: 10_000 as never,
      }),
    );
    expect(resting.makerFees).toBeGreaterThan(0);
    expect(user(ex).reserved).toBe(0);
    expect(ex.ledger().reconciliation.balanced).toBe(true);
  });

  test("expiring and cancelled orders release their reservation", () => {
    const ex = exchange();
    const o = placeOrder(
      ex,
      user(ex),
      req("FAVQ-A", "bid", 90, 10, { tif: "good_till_canceled", expirationTime: START + 3_600_000 }),
    ).order;
    expect(user(ex).reserved).toBeGreaterThan(0);
    ex.advance(3_600_001);
    expect(o.status).toBe("canceled");
    expect(o.lastUpdateReason).toBe("ExpiryCancel");
    const o2 = placeOrder(ex, user(ex), req("FAVQ-A", "bid", 90, 10, { tif: "good_till_canceled" })).order;
    cancelOrder(ex, user(ex), o2.id);
    expect(user(ex).reserved).toBe(0);
  });
});

describe("settlement", () => {
  test("pays $1 per winning contract, records the settlement, and closes the position", () => {
    const ex = exchange();
    placeOrder(ex, user(ex), req("FAVQ-A", "bid", ask(ex, "FAVQ-A"), 10));
    placeOrder(ex, user(ex), req("MKR-A", "ask", bid(ex, "MKR-A"), 4));
    ex.settle("FAVQ-A", "yes", 0);
    ex.settle("MKR-A", "yes", 0);
    const l = ex.ledger();
    const fav = l.settlements.find((s) => s.ticker === "FAVQ-A");
    const mkr = l.settlements.find((s) => s.ticker === "MKR-A");
    expect(fav?.payout).toBe(10_000_000);
    expect(fav?.yesCount).toBe(c(10));
    expect(mkr?.payout).toBe(0);
    expect(mkr?.noCount).toBe(c(4));
    expect(l.positions.every((pos) => pos.position === 0)).toBe(true);
    expect(l.reconciliation.balanced).toBe(true);
    // Final cash = deposits − every fee − what the losers cost + what the winners made.
    const fees = l.fills.reduce((a, f) => a + f.fee, 0);
    expect(l.cash).toBe(l.deposits - fees + l.positions.reduce((a, pos) => a + pos.realizedPnl, 0));
  });
});

describe("reconciliation under random trading (property-based)", () => {
  const tickers = ["FAVQ-A", "MKR-A", "HALF-A", "FLAT-A", "WALK-A"];
  const op = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant("order" as const),
        ticker: fc.constantFrom(...tickers),
        side: fc.constantFrom<"bid" | "ask">("bid", "ask"),
        offset: fc.integer({ min: -2, max: 4 }),
        centis: fc.integer({ min: 1, max: 2500 }),
        tif: fc.constantFrom("fill_or_kill", "good_till_canceled", "immediate_or_cancel") as fc.Arbitrary<
          OrderRequest["tif"]
        >,
        reduceOnly: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("advance" as const),
        minutes: fc.integer({ min: 1, max: 300 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("price" as const),
        ticker: fc.constantFrom(...tickers),
        cents: fc.integer({ min: 3, max: 97 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("settle" as const),
        ticker: fc.constantFrom(...tickers),
        yes: fc.boolean(),
      }),
    },
  );

  test("cash + cost basis − realized P&L + fees = deposits, to the micro, after every operation", () => {
    let fills = 0;
    let settlements = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const ex = exchange(50_000);
        const a = user(ex);
        for (const o of ops) {
          try {
            if (o.kind === "order") {
              const m = ex.market(o.ticker);
              const book = ex.bookOf(m);
              const ref = (o.side === "bid" ? book?.asks[0]?.price : book?.bids[0]?.price) ?? p(50);
              const cents = Math.min(99, Math.max(1, Math.round(ref / 10_000) + o.offset));
              placeOrder(ex, a, {
                ...req(o.ticker, o.side, cents, 1),
                count: o.centis as Centis,
                tif: o.tif,
                reduceOnly: o.reduceOnly,
              });
            } else if (o.kind === "advance") ex.advance(o.minutes * 60_000);
            else if (o.kind === "cancel") {
              const resting = a.ordersInOrder.filter((x) => x.status === "resting");
              const target = resting[o.pick % Math.max(1, resting.length)];
              if (target) cancelOrder(ex, a, target.id);
            } else if (o.kind === "price") ex.setPrice(o.ticker, p(o.cents));
            else ex.settle(o.ticker, o.yes ? "yes" : "no", 0);
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
          }
          const l = ex.ledger();
          expect(l.reconciliation.balanced).toBe(true);
          expect(l.reserved).toBeGreaterThanOrEqual(0);
          expect(l.cash).toBe(
            l.deposits +
              l.fills.reduce((s, f) => s + f.cash - f.fee, 0) +
              l.settlements.reduce((s, x) => s + x.payout, 0),
          );
          expect(l.feesTotal).toBe(l.orders.reduce((s, x) => s + x.takerFees + x.makerFees, 0));
          for (const x of l.orders) expect(x.filled + x.remaining <= x.initial).toBe(true);
        }
        fills += a.fills.length;
        settlements += a.settlements.length;
      }),
      { numRuns: 60, seed: 20260105 },
    );
    // The property must have exercised real trading, not just rejections.
    expect(fills).toBeGreaterThan(50);
    expect(settlements).toBeGreaterThan(0);
  });
});
