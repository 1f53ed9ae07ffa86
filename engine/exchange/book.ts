/**
 * Reading Kalshi's bids-only book from one outcome's point of view.
 *
 * The book holds YES bids and NO bids. Someone bidding p for YES is offering to take the other
 * side of a NO purchase at 1 − p: a YES bid at p IS a NO ask at 1 − p (same size), and a NO bid
 * at q is a YES ask at 1 − q. So, for our side S:
 *   bids(S) = S's own bids, highest first;
 *   asks(S) = the other side's bids, each at 1 − price, lowest first.
 */
import { MICROS_PER_DOLLAR, type Micros } from "../money/money.ts";
import { normalizeLevels } from "./schemas/orderbook.ts";
import type { BookLevel, OrderBook, Side } from "./types.ts";

export const otherSide = (s: Side): Side => (s === "yes" ? "no" : "yes");

export function emptyBook(ticker: string): OrderBook {
  return { ticker, yesBids: [], noBids: [] };
}

/** Our side's bids, best (highest) first. */
export function bidsFor(book: OrderBook, side: Side): readonly BookLevel[] {
  return side === "yes" ? book.yesBids : book.noBids;
}

/** Our side's asks, best (lowest) first, derived from the other side's bids. */
export function asksFor(book: OrderBook, side: Side): BookLevel[] {
  // Normalised again (merged, sorted) so a book built by hand or from an unsorted source reads
  // the same as one from the exchange.
  return normalizeLevels(bidsFor(book, otherSide(side))).map((l) => ({
    price: (MICROS_PER_DOLLAR - l.price) as Micros,
    size: l.size,
  }));
}

/** Our side's bids merged by price, best (highest) first. */
export function sortedBidsFor(book: OrderBook, side: Side): BookLevel[] {
  return normalizeLevels(bidsFor(book, side));
}

export function bestBid(book: OrderBook, side: Side): BookLevel | null {
  let best: BookLevel | null = null;
  for (const l of bidsFor(book, side)) if (!best || l.price > best.price) best = l;
  return best;
}

export function bestAsk(book: OrderBook, side: Side): BookLevel | null {
  const b = bestBid(book, otherSide(side));
  return b ? { price: (MICROS_PER_DOLLAR - b.price) as Micros, size: b.size } : null;
}
