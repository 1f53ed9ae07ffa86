/**
 * Materialised order books. A market nobody trades has no stored book: its quotes are computed
 * from the fair value when asked. Touching it (an order, a WebSocket subscription) materialises
 * the book with the makers' quotes of the current step.
 *
 * While a real user's order rests there the market is "live": every step the makers re-quote
 * (keeping queue priority: size added at the back, removed from the back; a re-quote that crosses
 * the user's order trades with it), and every tape trade executes against the real book, so a
 * resting order fills when the market moves through it or when sellers reach it in the queue.
 */
import type { Centis, Micros } from "../../engine/money/money.ts";
import { match } from "../book/matching.ts";
import { type BookSide, MAKER, OrderBook, TAPE } from "../book/order-book.ts";
import { hash3, Stream, unit } from "../core/hash.ts";
import { fairPrice, STEP_MS, stepOf, stepStart } from "../market/fair-value.ts";
import { statusAt } from "../market/lifecycle.ts";
import { maxPrice, minPrice } from "../market/price-grid.ts";
import { makerQuotes, paramsOf, type Quotes } from "../market/quotes.ts";
import { bucketTime, lastBucketAtOrBefore } from "../market/tape.ts";
import type { MarketState } from "../market/types.ts";
import type { Exchange } from "./exchange.ts";
import { applyExecutions } from "./executions.ts";

let makerIds = 0;
const makerId = (): string => `mm-${++makerIds}`;

export function pureQuotes(ex: Exchange, m: MarketState, time: number, maxLevels?: number): Quotes {
  return makerQuotes(
    m.key,
    m.structure,
    paramsOf(m).maker,
    fairPrice(m, ex.t0, time),
    stepOf(ex.t0, time),
    maxLevels,
  );
}

function populate(ex: Exchange, m: MarketState, book: OrderBook, time: number): void {
  const q = pureQuotes(ex, m, time);
  for (const l of q.bids)
    book.add({
      id: makerId(),
      owner: MAKER,
      side: "bid",
      price: l.price,
      remaining: l.size,
      seq: book.nextSeq(),
    });
  for (const l of q.asks)
    book.add({
      id: makerId(),
      owner: MAKER,
      side: "ask",
      price: l.price,
      remaining: l.size,
      seq: book.nextSeq(),
    });
}

/** Drops a book (market closed, or nothing keeps it materialised). */
export function dropBook(ex: Exchange, m: MarketState): void {
  if (!m.book) return;
  m.book = null;
  m.bookStep = Number.NEGATIVE_INFINITY;
  ex.materialized.delete(m);
  ex.emit({ type: "book", market: m });
}

/** The market's book brought up to time t, or null when the market is not trading. */
export function ensureBookAt(ex: Exchange, m: MarketState, t: number): OrderBook | null {
  if (statusAt(m, t) !== "active") {
    if (m.book && m.userResting === 0) dropBook(ex, m);
    return m.book;
  }
  const step = stepOf(ex.t0, t);
  if (!m.book) {
    m.book = new OrderBook();
    populate(ex, m, m.book, t);
    m.bookStep = step;
    m.processedUntil = t;
    ex.materialized.add(m);
    ex.emit({ type: "book", market: m });
    return m.book;
  }
  if (m.userResting > 0) {
    processLive(ex, m, t);
    return m.book;
  }
  if (step !== m.bookStep && !ex.pausedAt(t)) {
    m.book.clear();
    populate(ex, m, m.book, t);
    m.bookStep = step;
    ex.emit({ type: "book", market: m });
  }
  m.processedUntil = t;
  return m.book;
}

/** Re-quotes the makers at `time`, keeping their queue positions where sizes allow. */
export function refreshMakers(ex: Exchange, m: MarketState, time: number): void {
  const book = m.book;
  if (!book) return;
  const q = pureQuotes(ex, m, time);
  const targets: Record<BookSide, Map<number, number>> = {
    bid: new Map(q.bids.map((l) => [l.price, l.size])),
    ask: new Map(q.asks.map((l) => [l.price, l.size])),
  };
  let changed = false;
  for (const side of ["bid", "ask"] as const) {
    for (const level of [...book.levels(side)]) {
      const makers = level.orders.filter((o) => o.owner === MAKER);
      let excess = makers.reduce((a, o) => a + o.remaining, 0) - (targets[side].get(level.price) ?? 0);
      for (let i = makers.length - 1; i >= 0 && excess > 0; i--) {
        const o = makers[i];
        if (!o) continue;
        const cut = Math.min(excess, o.remaining);
        book.reduce(o.id, cut as Centis);
        excess -= cut;
        changed = true;
      }
    }
  }
  for (const side of ["bid", "ask"] as const) {
    for (const [price, want] of targets[side]) {
      const level = book.levels(side).find((l) => l.price === price);
      const have = level ? level.orders.reduce((a, o) => a + (o.owner === MAKER ? o.remaining : 0), 0) : 0;
      if (want <= have) continue;
      const result = match(book, {
        id: makerId(),
        owner: MAKER,
        side,
        price: price as Micros,
        count: (want - have) as Centis,
        tif: "good_till_canceled",
        postOnly: false,
        stp: "maker",
      });
      if (result.executions.length > 0)
        applyExecutions(ex, m, result.executions, side, undefined, "maker", time);
      changed = true;
    }
  }
  m.bookStep = stepOf(ex.t0, time);
  if (changed) ex.emit({ type: "book", market: m });
}

/** Executes tape bucket k against the real book. */
export function runTape(ex: Exchange, m: MarketState, k: number, time: number): void {
  const book = m.book;
  if (!book) return;
  let side: BookSide = unit(hash3(m.key, Stream.tapeSide, k)) < 0.5 ? "bid" : "ask";
  if (!book.best(side === "bid" ? "ask" : "bid")) side = side === "bid" ? "ask" : "bid";
  if (!book.best(side === "bid" ? "ask" : "bid")) return;
  const result = match(book, {
    id: `tape-${m.index}-${k}`,
    owner: TAPE,
    side,
    price: side === "bid" ? maxPrice(m.structure) : minPrice(m.structure),
    count: paramsOf(m).tape.size,
    tif: "immediate_or_cancel",
    postOnly: false,
    stp: "maker",
  });
  applyExecutions(ex, m, result.executions, side, undefined, "tape", time);
}

/**
 * Applies every maker re-quote and tape trade in (processedUntil, upTo] to a live book, in time
 * order (a re-quote before a tape trade at the same instant). Stops early if the market stops
 * being live; its book is then rebuilt from pure quotes when next needed.
 */
export function processLive(ex: Exchange, m: MarketState, upTo: number): void {
  if (!m.book || upTo <= m.processedUntil) return;
  const end = Math.min(upTo, m.closeTime - 1);
  let nextStep = stepStart(ex.t0, stepOf(ex.t0, m.processedUntil) + 1);
  let k = Math.max(0, lastBucketAtOrBefore(m, m.processedUntil) + 1);
  let nextBucket = bucketTime(m, k);
  while (m.userResting > 0) {
    const next = Math.min(nextStep, nextBucket);
    if (next > end) break;
    const paused = ex.pausedAt(next);
    if (next === nextStep) {
      if (!paused) refreshMakers(ex, m, next);
      nextStep += STEP_MS;
    }
    if (next === nextBucket) {
      if (!paused && next >= m.openTime) runTape(ex, m, k, next);
      k++;
      nextBucket = bucketTime(m, k);
    }
    m.processedUntil = next;
  }
  m.processedUntil = Math.max(m.processedUntil, upTo);
}

/** Re-quotes a materialised book immediately (after a scripted price change). */
export function requote(ex: Exchange, m: MarketState, t: number): void {
  if (!m.book) return;
  if (m.userResting > 0) {
    refreshMakers(ex, m, t);
    return;
  }
  m.book.clear();
  populate(ex, m, m.book, t);
  m.bookStep = stepOf(ex.t0, t);
  ex.emit({ type: "book", market: m });
}
