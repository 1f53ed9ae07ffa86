/**
 * One market's order book kept live from an `orderbook_snapshot` followed by `orderbook_delta`s.
 * A delta adds (or with a negative delta removes) contracts at one price on one side; a level
 * that reaches zero disappears. A level driven below zero means we missed a message: the book is
 * marked broken so the feed resnapshots instead of trading on a book that cannot be right.
 */
import type { Centis, Micros } from "../../money/money.ts";
import type { BookLevel, OrderBook, Side } from "../types.ts";

export class LiveBook {
  readonly ticker: string;
  readonly #yes = new Map<number, number>();
  readonly #no = new Map<number, number>();
  #fresh = false;
  #broken = false;

  constructor(ticker: string) {
    this.ticker = ticker;
  }

  /** True once a snapshot arrived and nothing has made the book doubtful since. */
  get fresh(): boolean {
    return this.#fresh && !this.#broken;
  }

  /** Doubtful (a sequence gap, a reconnect): keep the levels for reference, but wait for a snapshot. */
  markStale(): void {
    this.#fresh = false;
  }

  get broken(): boolean {
    return this.#broken;
  }

  applySnapshot(yes: readonly BookLevel[], no: readonly BookLevel[]): void {
    this.#yes.clear();
    this.#no.clear();
    for (const l of yes) if (l.size > 0) this.#yes.set(l.price, (this.#yes.get(l.price) ?? 0) + l.size);
    for (const l of no) if (l.size > 0) this.#no.set(l.price, (this.#no.get(l.price) ?? 0) + l.size);
    this.#fresh = true;
    this.#broken = false;
  }

  /** Returns false (and marks the book broken) if the delta takes a level below zero. */
  applyDelta(side: Side, price: Micros, delta: number): boolean {
    const levels = side === "yes" ? this.#yes : this.#no;
    const next = (levels.get(price) ?? 0) + delta;
    if (next > 0) levels.set(price, next);
    else levels.delete(price);
    if (next < 0) {
      this.#broken = true;
      return false;
    }
    return true;
  }

  /** An immutable copy, best bids first. */
  toOrderBook(): OrderBook {
    return { ticker: this.ticker, yesBids: sorted(this.#yes), noBids: sorted(this.#no) };
  }
}

function sorted(levels: Map<number, number>): BookLevel[] {
  const out: BookLevel[] = [];
  for (const [price, size] of levels) out.push({ price: price as Micros, size: size as Centis });
  return out.sort((a, b) => b.price - a.price);
}
