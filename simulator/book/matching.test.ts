/** Matching engine: price-time priority, IOC / FOK / GTC, post-only, self-trade prevention. */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { Centis, Micros } from "../../engine/money/money.ts";
import { fillableNow, type IncomingOrder, match } from "./matching.ts";
import { type BookSide, OrderBook } from "./order-book.ts";

const c = (contracts: number) => (contracts * 100) as Centis;
const p = (cents: number) => (cents * 10_000) as Micros;

function rest(
  book: OrderBook,
  id: string,
  owner: string,
  side: BookSide,
  cents: number,
  contracts: number,
): void {
  book.add({ id, owner, side, price: p(cents), remaining: c(contracts), seq: book.nextSeq() });
}

const order = (
  o: Partial<IncomingOrder> & Pick<IncomingOrder, "side" | "price" | "count">,
): IncomingOrder => ({
  id: "taker",
  owner: "alice",
  tif: "good_till_canceled",
  postOnly: false,
  stp: "taker_at_cross",
  ...o,
});

describe("price-time priority", () => {
  test("better price first, then earlier order at the same price; trades print at the maker's price", () => {
    const book = new OrderBook();
    rest(book, "a1", "bob", "ask", 96, 5);
    rest(book, "a2", "carol", "ask", 95, 5);
    rest(book, "a3", "dave", "ask", 95, 5);
    const r = match(book, order({ side: "bid", price: p(96), count: c(12) }));
    expect(r.executions.map((e) => [e.maker.id, e.price, e.count])).toEqual([
      ["a2", p(95), c(5)],
      ["a3", p(95), c(5)],
      ["a1", p(96), c(2)],
    ]);
    expect(r.filled).toBe(c(12));
    expect(book.best("ask")?.total).toBe(c(3));
  });

  test("a limit never trades through its price", () => {
    const book = new OrderBook();
    rest(book, "a1", "bob", "ask", 97, 5);
    const r = match(book, order({ side: "bid", price: p(96), count: c(1), tif: "immediate_or_cancel" }));
    expect(r.executions).toEqual([]);
    expect(r.cancelReason).toBe("ImmediateOrCancel");
  });
});

describe("time in force", () => {
  test("IOC fills what crosses and cancels the rest", () => {
    const book = new OrderBook();
    rest(book, "b1", "bob", "bid", 94, 3);
    const r = match(book, order({ side: "ask", price: p(94), count: c(5), tif: "immediate_or_cancel" }));
    expect(r.filled).toBe(c(3));
    expect(r.remaining).toBe(c(2));
    expect(r.rested).toBe(false);
    expect(book.size).toBe(0);
  });

  test("FOK is all or nothing and leaves the book untouched when it cannot fill", () => {
    const book = new OrderBook();
    rest(book, "a1", "bob", "ask", 95, 3);
    rest(book, "a2", "bob", "ask", 96, 3);
    const fail = match(book, order({ side: "bid", price: p(95), count: c(4), tif: "fill_or_kill" }));
    expect(fail.filled).toBe(0 as Centis);
    expect(fail.cancelReason).toBe("FillOrKill");
    expect(book.best("ask")?.total).toBe(c(3));
    const ok = match(book, order({ side: "bid", price: p(96), count: c(6), tif: "fill_or_kill" }));
    expect(ok.filled).toBe(c(6));
    expect(book.size).toBe(0);
  });

  test("GTC rests the remainder behind earlier orders at its price", () => {
    const book = new OrderBook();
    rest(book, "a1", "bob", "ask", 95, 2);
    rest(book, "b0", "carol", "bid", 95 - 1, 1);
    const r = match(book, order({ side: "bid", price: p(95), count: c(5) }));
    expect(r.filled).toBe(c(2));
    expect(r.rested).toBe(true);
    expect(book.best("bid")?.price).toBe(p(95));
    expect(book.best("bid")?.orders[0]?.id).toBe("taker");
    expect(book.get("taker")?.remaining).toBe(c(3));
  });
});

describe("post-only and self-trade prevention", () => {
  test("post_only that would cross is cancelled without trading; otherwise it rests", () => {
    const book = new OrderBook();
    rest(book, "a1", "bob", "ask", 95, 5);
    const cross = match(book, order({ side: "bid", price: p(95), count: c(1), postOnly: true }));
    expect(cross.cancelReason).toBe("PostOnlyCrossCancel");
    expect(cross.executions).toEqual([]);
    expect(book.best("ask")?.total).toBe(c(5));
    const passive = match(book, order({ side: "bid", price: p(94), count: c(1), postOnly: true }));
    expect(passive.rested).toBe(true);
  });

  test("taker_at_cross: the incoming order stops at its own resting order", () => {
    const book = new OrderBook();
    rest(book, "own", "alice", "ask", 95, 5);
    rest(book, "a2", "bob", "ask", 96, 5);
    const r = match(book, order({ side: "bid", price: p(96), count: c(3), stp: "taker_at_cross" }));
    expect(r.executions).toEqual([]);
    expect(r.cancelReason).toBe("SelfTradeCancel");
    expect(book.get("own")?.remaining).toBe(c(5));
    expect(fillableNow(book, order({ side: "bid", price: p(96), count: c(3), stp: "taker_at_cross" }))).toBe(
      0 as Centis,
    );
  });

  test("maker: the owner's resting order is cancelled and matching continues", () => {
    const book = new OrderBook();
    rest(book, "own", "alice", "ask", 95, 5);
    rest(book, "a2", "bob", "ask", 96, 5);
    const r = match(book, order({ side: "bid", price: p(96), count: c(3), stp: "maker" }));
    expect(r.canceledMakers.map((o) => o.id)).toEqual(["own"]);
    expect(r.executions.map((e) => e.maker.id)).toEqual(["a2"]);
    expect(book.get("own")).toBeUndefined();
  });
});

describe("invariants (property-based)", () => {
  const arbOrder = fc.record({
    owner: fc.constantFrom("alice", "bob", "carol"),
    side: fc.constantFrom<BookSide>("bid", "ask"),
    cents: fc.integer({ min: 90, max: 99 }),
    contracts: fc.integer({ min: 1, max: 20 }),
    tif: fc.constantFrom("fill_or_kill", "good_till_canceled", "immediate_or_cancel") as fc.Arbitrary<
      IncomingOrder["tif"]
    >,
    postOnly: fc.boolean(),
    stp: fc.constantFrom("taker_at_cross", "maker") as fc.Arbitrary<IncomingOrder["stp"]>,
  });

  test("the book never stays crossed, quantities are conserved, FOK is all-or-nothing", () => {
    fc.assert(
      fc.property(fc.array(arbOrder, { maxLength: 60 }), (orders) => {
        const book = new OrderBook();
        orders.forEach((o, i) => {
          const before = [...book.orders("bid"), ...book.orders("ask")].reduce((a, x) => a + x.remaining, 0);
          const r = match(book, {
            id: `o${i}`,
            owner: o.owner,
            side: o.side,
            price: p(o.cents),
            count: c(o.contracts),
            tif: o.tif,
            postOnly: o.postOnly,
            stp: o.stp,
          });
          const after = [...book.orders("bid"), ...book.orders("ask")].reduce((a, x) => a + x.remaining, 0);
          const canceled = r.canceledMakers.reduce((a, x) => a + x.remaining, 0);
          expect(r.filled + r.remaining).toBe(c(o.contracts));
          expect(after).toBe(before - r.filled - canceled + (r.rested ? r.remaining : 0));
          if (o.tif === "fill_or_kill") expect(r.filled === 0 || r.filled === c(o.contracts)).toBe(true);
          for (const e of r.executions) {
            expect(e.maker.owner === o.owner).toBe(false);
            expect(o.side === "bid" ? e.price <= p(o.cents) : e.price >= p(o.cents)).toBe(true);
          }
          const bid = book.best("bid");
          const ask = book.best("ask");
          if (bid && ask)
            expect(
              bid.price < ask.price || bid.orders.every((x) => ask.orders.every((y) => x.owner === y.owner)),
            ).toBe(true);
        });
      }),
      { numRuns: 300, seed: 20260105 },
    );
  });
});
