/**
 * The matching engine: an incoming limit order against the resting book.
 *
 *   price-time priority   best price first, earliest order first within a price
 *   fill_or_kill          all of it now, or nothing (checked before any state changes)
 *   immediate_or_cancel   whatever crosses now; the rest is cancelled
 *   good_till_canceled    whatever crosses now; the rest rests
 *   post_only             cancelled outright if it would take liquidity
 *   self-trade prevention `taker_at_cross`: the incoming order stops at its owner's own resting
 *                         order and its remainder is cancelled; `maker`: the owner's resting
 *                         order is cancelled and matching continues past it.
 *
 * Trades print at the resting (maker) order's price. The book is mutated; the caller turns the
 * executions into fills, fees and ledger entries.
 */
import type { Centis, Micros } from "../../engine/money/money.ts";
import type { BookSide, OrderBook, RestingOrder } from "./order-book.ts";

export type TimeInForce = "fill_or_kill" | "good_till_canceled" | "immediate_or_cancel";
export type SelfTradePrevention = "taker_at_cross" | "maker";

export interface IncomingOrder {
  id: string;
  owner: string;
  side: BookSide;
  price: Micros;
  count: Centis;
  tif: TimeInForce;
  postOnly: boolean;
  stp: SelfTradePrevention;
}

export interface Execution {
  maker: RestingOrder;
  price: Micros;
  count: Centis;
}

export type CancelReason = "PostOnlyCrossCancel" | "SelfTradeCancel" | "FillOrKill" | "ImmediateOrCancel";

export interface MatchResult {
  executions: Execution[];
  filled: Centis;
  /** What is left of the incoming order after matching (rested or cancelled). */
  remaining: Centis;
  /** The remainder now rests on the book. */
  rested: boolean;
  /** Own resting orders removed by `maker` self-trade prevention. */
  canceledMakers: RestingOrder[];
  cancelReason?: CancelReason;
}

const opposite = (side: BookSide): BookSide => (side === "bid" ? "ask" : "bid");
const crosses = (side: BookSide, limit: number, restingPrice: number): boolean =>
  side === "bid" ? restingPrice <= limit : restingPrice >= limit;

/** Quantity the order could take right now, honouring self-trade prevention. */
export function fillableNow(book: OrderBook, o: IncomingOrder): Centis {
  let total = 0;
  for (const resting of book.orders(opposite(o.side))) {
    if (!crosses(o.side, o.price, resting.price)) break;
    if (resting.owner === o.owner) {
      if (o.stp === "taker_at_cross") break;
      continue;
    }
    total += resting.remaining;
    if (total >= o.count) break;
  }
  return Math.min(total, o.count) as Centis;
}

export function match(book: OrderBook, o: IncomingOrder): MatchResult {
  if (!(o.count > 0)) throw new RangeError("order count must be positive");
  const best = book.best(opposite(o.side));
  const wouldCross = best !== undefined && crosses(o.side, o.price, best.price);
  const none = (reason: CancelReason): MatchResult => ({
    executions: [],
    filled: 0 as Centis,
    remaining: o.count,
    rested: false,
    canceledMakers: [],
    cancelReason: reason,
  });
  if (o.postOnly && wouldCross) return none("PostOnlyCrossCancel");
  if (o.tif === "fill_or_kill" && fillableNow(book, o) < o.count) return none("FillOrKill");

  const executions: Execution[] = [];
  const canceledMakers: RestingOrder[] = [];
  let remaining = o.count as number;
  let stpStop = false;
  const side = opposite(o.side);
  while (remaining > 0) {
    const level = book.best(side);
    if (!level || !crosses(o.side, o.price, level.price)) break;
    const resting = level.orders[0];
    if (!resting) break;
    if (resting.owner === o.owner) {
      if (o.stp === "taker_at_cross") {
        stpStop = true;
        break;
      }
      book.remove(resting.id);
      canceledMakers.push(resting);
      continue;
    }
    const q = Math.min(remaining, resting.remaining) as Centis;
    book.reduce(resting.id, q);
    executions.push({ maker: resting, price: resting.price, count: q });
    remaining -= q;
  }
  const filled = (o.count - remaining) as Centis;
  const result: MatchResult = {
    executions,
    filled,
    remaining: remaining as Centis,
    rested: false,
    canceledMakers,
  };
  if (remaining === 0) return result;
  if (stpStop) return { ...result, cancelReason: "SelfTradeCancel" };
  if (o.tif === "immediate_or_cancel") return { ...result, cancelReason: "ImmediateOrCancel" };
  if (o.tif === "fill_or_kill") return { ...result, cancelReason: "FillOrKill" };
  book.add({
    id: o.id,
    owner: o.owner,
    side: o.side,
    price: o.price,
    remaining: remaining as Centis,
    seq: book.nextSeq(),
  });
  return { ...result, rested: true };
}
