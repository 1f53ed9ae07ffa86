import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { OrderBook } from "../exchange/types.ts";
import { tradingFee } from "../money/fees.ts";
import type { Centis, Micros } from "../money/money.ts";
import {
  costBasis,
  entryCost,
  netSaleValue,
  type PositionCost,
  realizedPnlOfSale,
  settle,
  unrealizedPnlAtBid,
  unrealizedPnlFromBook,
} from "./pnl.ts";
import { $ } from "./testing.ts";

// 31 contracts bought at 95¢: $29.45 + $0.1031 fee.
const POSITION: PositionCost = { contracts: 3100 as Centis, positionSize: $(29.45), entryFees: $(0.1031) };

describe("P&L", () => {
  test("entry cost includes the entry fees", () => {
    expect(entryCost(POSITION)).toBe($(29.5531));
  });

  test("unrealized P&L is marked at our bid after the exit fee", () => {
    // Sell 31 at 90¢: $27.90 − roundup(0.07 × 31 × 0.9 × 0.1) = $0.1953 → $27.7047.
    expect(netSaleValue(3100 as Centis, $(0.9))).toBe($(27.7047));
    expect(unrealizedPnlAtBid(POSITION, $(0.9))).toBe($(27.7047 - 29.5531));
  });

  test("from a book, level by level; contracts the bids cannot take are worth nothing", () => {
    const book: OrderBook = {
      ticker: "T",
      yesBids: [{ price: $(0.9), size: 2000 as Centis }],
      noBids: [],
    };
    const mark = unrealizedPnlFromBook(POSITION, "yes", book);
    const net = $(18) - tradingFee($(0.9), 2000 as Centis, "taker");
    expect(mark).toEqual({
      unrealizedPnl: (net - $(29.5531)) as Micros,
      unfilled: 1100 as Centis,
      net: net as Micros,
    });
  });

  test("a sale's realized P&L: proceeds − exit fees − entry cost incl. entry fees", () => {
    const pnl = realizedPnlOfSale({
      ...POSITION,
      contractsSold: 3100 as Centis,
      proceeds: $(24.18),
      exitFees: $(0.4123),
    });
    expect(pnl).toBe($(24.18 - 0.4123 - 29.5531));
  });

  test("a partial sale charges its share of the entry cost", () => {
    expect(costBasis(POSITION, 1550 as Centis)).toBe(14_776_550 as Micros); // exactly half of $29.5531
    expect(costBasis(POSITION, 1000 as Centis)).toBe(9_533_258 as Micros); // 29_553_100 × 10/31 = 9_533_258.06…
    expect(costBasis(POSITION, 3100 as Centis)).toBe(entryCost(POSITION));
  });

  test("property: partial cost bases never exceed the whole and add up within rounding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.nat(),
        (n, cost, k) => {
          const p: PositionCost = {
            contracts: n as Centis,
            positionSize: cost as Micros,
            entryFees: 0 as Micros,
          };
          const sold = (k % (n + 1)) as Centis;
          const a = costBasis(p, sold);
          const b = costBasis(p, (n - sold) as Centis);
          expect(a).toBeLessThanOrEqual(cost);
          expect(Math.abs(a + b - cost)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  describe("settlement", () => {
    const base = { ...POSITION, side: "yes" as const };

    test("won: $1 × contracts − entry cost", () => {
      expect(settle({ ...base, marketResult: "yes" })).toEqual({
        outcome: "won",
        payout: $(31),
        fees: $(0.1031),
        realizedPnl: $(31 - 29.5531),
      });
      expect(settle({ ...base, side: "no", marketResult: "no" }).outcome).toBe("won");
    });

    test("lost: −entry cost", () => {
      expect(settle({ ...base, marketResult: "no" })).toEqual({
        outcome: "lost",
        payout: 0 as Micros,
        fees: $(0.1031),
        realizedPnl: -$(29.5531) as Micros,
      });
    });

    test("void: the price is refunded, the entry fees are kept unless told otherwise", () => {
      expect(settle({ ...base, marketResult: "void" })).toEqual({
        outcome: "void",
        payout: $(29.45),
        fees: $(0.1031),
        realizedPnl: -$(0.1031) as Micros,
      });
      expect(settle({ ...base, marketResult: "void", voidRefundsFees: true }).realizedPnl).toBe(0 as Micros);
    });

    test("scalar: YES gets the value, NO the rest, in whole cents", () => {
      const yes = settle({ ...base, marketResult: "scalar", settlementValue: $(0.333) });
      expect(yes.payout).toBe($(10.32)); // 31 × 0.333 = 10.323 → $10.32
      expect(yes.outcome).toBe("lost");
      const no = settle({ ...base, side: "no", marketResult: "scalar", settlementValue: $(0.333) });
      expect(no.payout).toBe($(20.67)); // 31 × 0.667 = 20.677 → $20.67
      expect(() => settle({ ...base, marketResult: "scalar" })).toThrow(RangeError);
    });
  });
});
