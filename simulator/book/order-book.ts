/**
 * One limit order book per market, on the YES side only: a bid buys YES at p, an ask sells YES at
 * p (equivalently buys NO at 1 − p). Levels are kept best-first; orders inside a level are FIFO,
 * which together is price-time priority.
 */
import type { Centis, Micros } from "../../engine/money/money.ts";

export type BookSide = "bid" | "ask";

export interface RestingOrder {
  id: string;
  /** A user id, or one of the simulated participants (MAKER, TAPE). */
  owner: string;
  side: BookSide;
  price: Micros;
  remaining: Centis;
  /** Arrival sequence; lower is earlier. */
  seq: number;
}

export interface Level {
  price: Micros;
  orders: RestingOrder[];
  total: Centis;
}

/** Synthetic participants. Their orders never touch the ledger. */
export const MAKER = "~maker";
export const TAPE = "~tape";
export const isSimulated = (owner: string): boolean => owner === MAKER || owner === TAPE;

export class OrderBook {
  readonly bids: Level[] = [];
  readonly asks: Level[] = [];
  readonly #byId = new Map<string, RestingOrder>();
  #seq = 0;

  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  levels(side: BookSide): Level[] {
    return side === "bid" ? this.bids : this.asks;
  }

  best(side: BookSide): Level | undefined {
    return this.levels(side)[0];
  }

  get(id: string): RestingOrder | undefined {
    return this.#byId.get(id);
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Adds an order at the back of its price level. */
  add(order: RestingOrder): void {
    if (order.remaining <= 0) throw new RangeError(`order ${order.id} has nothing to rest`);
    if (this.#byId.has(order.id)) throw new Error(`order ${order.id} is already on the book`);
    const levels = this.levels(order.side);
    const better = order.side === "bid" ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
    let i = 0;
    while (i < levels.length && better((levels[i] as Level).price, order.price)) i++;
    let level = levels[i];
    if (!level || level.price !== order.price) {
      level = { price: order.price, orders: [], total: 0 as Centis };
      levels.splice(i, 0, level);
    }
    level.orders.push(order);
    level.total = (level.total + order.remaining) as Centis;
    this.#byId.set(order.id, order);
  }

  #level(order: RestingOrder): { levels: Level[]; index: number; level: Level } | undefined {
    const levels = this.levels(order.side);
    const index = levels.findIndex((l) => l.price === order.price);
    const level = levels[index];
    return level ? { levels, index, level } : undefined;
  }

  /** Removes an order entirely; returns what it still had resting. */
  remove(id: string): RestingOrder | undefined {
    const order = this.#byId.get(id);
    if (!order) return undefined;
    const found = this.#level(order);
    if (found) {
      const k = found.level.orders.indexOf(order);
      if (k >= 0) found.level.orders.splice(k, 1);
      found.level.total = (found.level.total - order.remaining) as Centis;
      if (found.level.orders.length === 0) found.levels.splice(found.index, 1);
    }
    this.#byId.delete(id);
    return order;
  }

  /** Takes `amount` off an order (a fill or a partial cancel); drops it when empty. */
  reduce(id: string, amount: Centis): void {
    const order = this.#byId.get(id);
    if (!order) throw new Error(`order ${id} is not on the book`);
    if (amount <= 0 || amount > order.remaining) throw new RangeError(`cannot reduce ${id} by ${amount}`);
    const found = this.#level(order);
    order.remaining = (order.remaining - amount) as Centis;
    if (found) found.level.total = (found.level.total - amount) as Centis;
    if (order.remaining === 0) this.remove(id);
  }

  /** Every order, best level first, FIFO within a level. */
  *orders(side: BookSide): Iterable<RestingOrder> {
    for (const level of this.levels(side)) yield* level.orders;
  }

  clear(): void {
    this.bids.length = 0;
    this.asks.length = 0;
    this.#byId.clear();
  }
}
