/**
 * Our side's prices, from a market quote (the `contracts` row) or from an order book.
 *
 * Kalshi's book is bids only. A YES ask at a is a NO bid at 1 − a, so:
 *   YES bid = yes_bid            (or 1 − no_ask when yes_bid is missing)
 *   NO  bid = no_bid             (or 1 − yes_ask when no_bid is missing)
 * A price of 0 or $1 (or null) means "no such order": Kalshi shows 0 for an empty bid side and
 * $1 for an empty ask side, and neither can be traded against.
 */
import { bestBid } from "../exchange/book.ts";
import type { OrderBook, Side } from "../exchange/types.ts";
import { MICROS_PER_DOLLAR, type Micros } from "../money/money.ts";
import type { ContractRow } from "../projections/contracts/projection.ts";

export interface MarketQuote {
  yesBid: Micros | null;
  yesAsk: Micros | null;
  noBid: Micros | null;
  noAsk: Micros | null;
}

export type QuoteRow = Pick<ContractRow, "yes_bid" | "yes_ask" | "no_bid" | "no_ask">;

export const quoteFromRow = (row: QuoteRow): MarketQuote => ({
  yesBid: row.yes_bid as Micros | null,
  yesAsk: row.yes_ask as Micros | null,
  noBid: row.no_bid as Micros | null,
  noAsk: row.no_ask as Micros | null,
});

/** Strictly between $0 and $1: a price someone can actually trade at. */
export const isTradablePrice = (p: number | null | undefined): p is Micros =>
  typeof p === "number" && p > 0 && p < MICROS_PER_DOLLAR;

const complement = (p: Micros): Micros => (MICROS_PER_DOLLAR - p) as Micros;

/** Best bid on `side` from a quote, derived from the other side's ask when missing. */
export function quoteBid(quote: MarketQuote, side: Side): Micros | null {
  const own = side === "yes" ? quote.yesBid : quote.noBid;
  if (isTradablePrice(own)) return own;
  const otherAsk = side === "yes" ? quote.noAsk : quote.yesAsk;
  return isTradablePrice(otherAsk) ? complement(otherAsk) : null;
}

/** Best ask on `side` from a quote, derived from the other side's bid when missing. */
export function quoteAsk(quote: MarketQuote, side: Side): Micros | null {
  const own = side === "yes" ? quote.yesAsk : quote.noAsk;
  if (isTradablePrice(own)) return own;
  const otherBid = side === "yes" ? quote.noBid : quote.yesBid;
  return isTradablePrice(otherBid) ? complement(otherBid) : null;
}

export type PriceSource = MarketQuote | OrderBook;

const isBook = (s: PriceSource): s is OrderBook => "yesBids" in s;

/** Our side's best bid, from whichever source the caller has. */
export function bidFor(source: PriceSource, side: Side): Micros | null {
  if (!isBook(source)) return quoteBid(source, side);
  const best = bestBid(source, side);
  return best && isTradablePrice(best.price) ? best.price : null;
}
