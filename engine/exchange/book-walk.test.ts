import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { type FeeSchedule, STANDARD_FEES, tradingFee } from "../money/fees.ts";
import type { Centis, Micros } from "../money/money.ts";
import { asksFor, bestAsk, bestBid } from "./book.ts";
import { walkBuy, walkSell } from "./book-walk.ts";
import { entryDepth, exitDepth, liquidity } from "./liquidity.ts";
import type { BookLevel, OrderBook } from "./types.ts";

const lv = (price: number, contracts: number): BookLevel => ({
  price: Math.round(price * 1_000_000) as Micros,
  size: Math.round(contracts * 100) as Centis,
});

/** YES bids 0.95×10, 0.94×20; NO bids 0.04×5 (YES ask 0.96), 0.03×8 (0.97), 0.01×100 (0.99). */
const book: OrderBook = {
  ticker: "KX-A",
  yesBids: [lv(0.95, 10), lv(0.94, 20)],
  noBids: [lv(0.04, 5), lv(0.03, 8), lv(0.01, 100)],
};

describe("reading the book from one side", () => {
  test("a NO bid at q is a YES ask at 1 − q", () => {
    expect<unknown>(asksFor(book, "yes")).toEqual([lv(0.96, 5), lv(0.97, 8), lv(0.99, 100)]);
    expect<unknown>(asksFor(book, "no")).toEqual([lv(0.05, 10), lv(0.06, 20)]);
    expect<unknown>(bestAsk(book, "yes")).toEqual(lv(0.96, 5));
    expect<unknown>(bestBid(book, "no")).toEqual(lv(0.04, 5));
  });
});

describe("liquidity", () => {
  test("entry depth: dollars buyable at ≤ max price on our side (from the other side's bids)", () => {
    // YES at ≤ 0.97: 0.96×5 + 0.97×8 = 4.80 + 7.76
    expect<unknown>(entryDepth(book, "yes", 970_000 as Micros)).toBe(12_560_000);
    expect<unknown>(entryDepth(book, "yes", 950_000 as Micros)).toBe(0);
    // NO at ≤ 0.05: 0.05 × 10
    expect<unknown>(entryDepth(book, "no", 50_000 as Micros)).toBe(500_000);
  });

  test("exit depth: dollars sellable into our side's bids", () => {
    expect<unknown>(exitDepth(book, "yes")).toBe(9_500_000 + 18_800_000);
    expect<unknown>(exitDepth(book, "yes", 950_000 as Micros)).toBe(9_500_000);
    expect<unknown>(exitDepth(book, "no")).toBe(200_000 + 240_000 + 1_000_000);
  });

  test("summary", () => {
    expect<unknown>(liquidity(book, "yes", 970_000 as Micros)).toEqual({
      side: "yes",
      maxPrice: 970_000,
      entryDepth: 12_560_000,
      entryContracts: 1300,
      exitDepth: 28_300_000,
      exitContracts: 3000,
      bestAsk: 960_000,
      bestBid: 950_000,
    } as never);
  });
});

describe("walkBuy", () => {
  test("walks levels at the makers' prices with the taker fee per level", () => {
    const r = walkBuy(book, { side: "yes", budget: 100_000_000 as Micros, maxPrice: 970_000 as Micros });
    expect<unknown>(r.fills).toEqual([
      {
        price: 960_000,
        count: 500,
        notional: 4_800_000,
        fee: tradingFee(960_000 as Micros, 500 as Centis, "taker"),
      },
      {
        price: 970_000,
        count: 800,
        notional: 7_760_000,
        fee: tradingFee(970_000 as Micros, 800 as Centis, "taker"),
      },
    ] as never);
    expect<unknown>(r.contracts).toBe(1300);
    expect<unknown>(r.stoppedBy).toBe("price_cap");
    expect<unknown>(r.total).toBe(r.cost + r.fees);
    // 0.07 × 5 × 0.96 × 0.04 = 0.01344 → 0.0135; 0.07 × 8 × 0.97 × 0.03 = 0.016296 → 0.0163
    expect<unknown>(r.fees).toBe(13_500 + 16_300);
  });

  test("a small budget buys whole contracts: allocation ÷ (price + fee), never over", () => {
    // At 0.96 a contract costs 0.96 + fee(1 @ 0.96) = 0.96 + 0.0027 = 0.9627.
    const r = walkBuy(book, { side: "yes", budget: 3_000_000 as Micros, maxPrice: 990_000 as Micros });
    expect<unknown>(r.contracts).toBe(300);
    expect<unknown>(r.total).toBeLessThanOrEqual(3_000_000);
    expect<unknown>(r.stoppedBy).toBe("budget");
  });

  test("fractional trading buys hundredths", () => {
    const r = walkBuy(book, {
      side: "yes",
      budget: 1_000_000 as Micros,
      maxPrice: 990_000 as Micros,
      fractional: true,
    });
    expect<unknown>(r.contracts % 100).not.toBe(0);
    expect<unknown>(r.total).toBeLessThanOrEqual(1_000_000);
    const one = walkBuy(book, { side: "yes", budget: 1_000_000 as Micros, maxPrice: 990_000 as Micros });
    expect<unknown>(one.contracts).toBe(100);
  });

  test("respects a contracts cap and an empty book", () => {
    expect<unknown>(
      walkBuy(book, {
        side: "yes",
        budget: 1e9 as Micros,
        maxPrice: 990_000 as Micros,
        maxContracts: 700 as Centis,
      }).contracts,
    ).toBe(700);
    const empty = walkBuy(
      { ticker: "E", yesBids: [], noBids: [] },
      { side: "no", budget: 1e6 as Micros, maxPrice: 1e6 as Micros },
    );
    expect<unknown>(empty).toMatchObject({
      contracts: 0,
      total: 0,
      averagePrice: null,
      stoppedBy: "book_exhausted",
    });
  });
});

describe("walkSell", () => {
  test("sells into our side's bids, best first, fees deducted", () => {
    const r = walkSell(book, { side: "yes", contracts: 1500 as Centis });
    expect<unknown>(r.fills.map((f) => [f.price, f.count])).toEqual([
      [950_000, 1000],
      [940_000, 500],
    ]);
    expect<unknown>(r.proceeds).toBe(9_500_000 + 4_700_000);
    expect<unknown>(r.net).toBe(r.proceeds - r.fees);
    expect<unknown>(r.stoppedBy).toBe("filled");
    expect<unknown>(r.averagePrice).toBe(Math.round(14_200_000 / 15));
  });

  test("stops at the price floor or when the book runs out", () => {
    expect<unknown>(
      walkSell(book, { side: "yes", contracts: 1500 as Centis, minPrice: 950_000 as Micros }),
    ).toMatchObject({
      contracts: 1000,
      unfilled: 500,
      stoppedBy: "price_floor",
    });
    expect<unknown>(walkSell(book, { side: "no", contracts: 20000 as Centis })).toMatchObject({
      contracts: 11300,
      unfilled: 8700,
      stoppedBy: "book_exhausted",
    });
  });
});

// ── properties ────────────────────────────────────────────────────────────────────────────

const levelArb = fc.record({
  price: fc.integer({ min: 1, max: 999 }).map((m) => (m * 1000) as Micros),
  size: fc.integer({ min: 1, max: 50_000 }).map((c) => c as Centis),
});
const bookArb = fc.record({
  ticker: fc.constant("P"),
  yesBids: fc.array(levelArb, { maxLength: 12 }),
  noBids: fc.array(levelArb, { maxLength: 12 }),
});
const feesArb: fc.Arbitrary<FeeSchedule> = fc.oneof(
  fc.constant(STANDARD_FEES),
  fc.record({
    feeType: fc.constantFrom("quadratic" as const, "quadratic_with_maker_fees" as const, "flat" as const),
    multiplier: fc.integer({ min: 0, max: 40_000 }).map((m) => m as FeeSchedule["multiplier"]),
  }),
);

describe("book-walk properties", () => {
  test("a buy never spends more than the budget, fees included; fees are fees.ts per fill", () => {
    fc.assert(
      fc.property(
        bookArb,
        fc.constantFrom("yes" as const, "no" as const),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.boolean(),
        feesArb,
        (b, side, budget, maxPrice, fractional, fees) => {
          const r = walkBuy(b, {
            side,
            budget: budget as Micros,
            maxPrice: maxPrice as Micros,
            fractional,
            fees,
          });
          expect<unknown>(r.cost + r.fees).toBeLessThanOrEqual(budget);
          expect<unknown>(r.total).toBe(r.cost + r.fees);
          if (!fractional) expect<unknown>(r.contracts % 100).toBe(0);
          let sumFees = 0;
          let sumCount = 0;
          for (const f of r.fills) {
            expect<unknown>(f.price).toBeLessThanOrEqual(maxPrice);
            expect<unknown>(f.fee).toBe(tradingFee(f.price, f.count, "taker", fees));
            sumFees += f.fee;
            sumCount += f.count;
          }
          expect<unknown>(r.fees).toBe(sumFees);
          expect<unknown>(r.contracts).toBe(sumCount);
          // Cheapest levels first.
          for (let i = 1; i < r.fills.length; i++) {
            expect<unknown>((r.fills[i] as { price: number }).price).toBeGreaterThan(
              (r.fills[i - 1] as { price: number }).price,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test("a buy that stopped on budget could not afford one more step at the next price", () => {
    fc.assert(
      fc.property(bookArb, fc.integer({ min: 0, max: 5_000_000 }), (b, budget) => {
        const r = walkBuy(b, {
          side: "yes",
          budget: budget as Micros,
          maxPrice: 999_000 as Micros,
          fractional: true,
        });
        if (r.stoppedBy !== "budget") return;
        const more = walkBuy(b, {
          side: "yes",
          budget: budget as Micros,
          maxPrice: 999_000 as Micros,
          fractional: true,
          maxContracts: (r.contracts + 1) as Centis,
        });
        expect<unknown>(more.contracts).toBe(r.contracts);
      }),
      { numRuns: 300 },
    );
  });

  test("a sell never sells more than asked or below the floor; net = proceeds − fees", () => {
    fc.assert(
      fc.property(
        bookArb,
        fc.constantFrom("yes" as const, "no" as const),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 999_999 }),
        (b, side, contracts, minPrice) => {
          const r = walkSell(b, { side, contracts: contracts as Centis, minPrice: minPrice as Micros });
          expect<unknown>(r.contracts + r.unfilled).toBe(contracts);
          expect<unknown>(r.net).toBe(r.proceeds - r.fees);
          for (const f of r.fills) {
            expect<unknown>(f.price).toBeGreaterThanOrEqual(minPrice);
            expect<unknown>(f.fee).toBe(tradingFee(f.price, f.count, "taker"));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
