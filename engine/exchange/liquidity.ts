/**
 * Liquidity, computed from the order book (Kalshi's `liquidity_dollars` is deprecated and always
 * "0.0000", so the book is the only source).
 *
 * DEFINITIONS. For a market, one side S (YES or NO) that we would hold, and a price cap
 * maxPrice (the strategy's MAX_ODDS, e.g. $0.97):
 *
 *   entry depth(S, maxPrice) = Σ price × size over every ask on S priced ≤ maxPrice
 *
 *     the dollars we could spend buying S right now without paying more than maxPrice per
 *     contract. Kalshi's book has bids only, so the asks on S are the bids on the other side
 *     mirrored: a NO bid at q is a YES ask at 1 − q (and a YES bid at p a NO ask at 1 − p),
 *     with the same size. Entry depth of YES at cap 0.97 therefore sums, over NO bids at
 *     q ≥ 0.03, (1 − q) × size.
 *
 *   exit depth(S) = Σ price × size over every bid on S (optionally only those ≥ minPrice)
 *
 *     the dollars we would receive selling S back right now: S's own bids. A position we can
 *     enter but not leave is a bet held to settlement; exit depth says how much of it could be
 *     unwound if the thesis breaks.
 *
 * Both are gross notional: price × contracts, before fees (see book-walk.ts for what a trade
 * of a given size really costs or yields, fees included). Each level's notional is rounded
 * down to the micro-dollar, so depth never overstates what is there. Counts are Centis, so
 * fractional levels (fractional-trading markets) count exactly.
 */
import { type Centis, type Micros, notional } from "../money/money.ts";
import { asksFor, bestAsk, bestBid, bidsFor } from "./book.ts";
import type { OrderBook, Side } from "./types.ts";

export interface Liquidity {
  side: Side;
  maxPrice: Micros;
  /** Dollars buyable on `side` at ≤ maxPrice. */
  entryDepth: Micros;
  /** Contracts buyable on `side` at ≤ maxPrice. */
  entryContracts: Centis;
  /** Dollars sellable on `side` into its bids. */
  exitDepth: Micros;
  exitContracts: Centis;
  bestAsk: Micros | null;
  bestBid: Micros | null;
}

export function entryDepth(book: OrderBook, side: Side, maxPrice: Micros): Micros {
  let total = 0;
  for (const l of asksFor(book, side)) if (l.price <= maxPrice) total += notional(l.price, l.size, "down");
  return total as Micros;
}

export function exitDepth(book: OrderBook, side: Side, minPrice: Micros = 0 as Micros): Micros {
  let total = 0;
  for (const l of bidsFor(book, side)) if (l.price >= minPrice) total += notional(l.price, l.size, "down");
  return total as Micros;
}

export function liquidity(book: OrderBook, side: Side, maxPrice: Micros): Liquidity {
  let entryContracts = 0;
  for (const l of asksFor(book, side)) if (l.price <= maxPrice) entryContracts += l.size;
  let exitContracts = 0;
  for (const l of bidsFor(book, side)) exitContracts += l.size;
  return {
    side,
    maxPrice,
    entryDepth: entryDepth(book, side, maxPrice),
    entryContracts: entryContracts as Centis,
    exitDepth: exitDepth(book, side),
    exitContracts: exitContracts as Centis,
    bestAsk: bestAsk(book, side)?.price ?? null,
    bestBid: bestBid(book, side)?.price ?? null,
  };
}
