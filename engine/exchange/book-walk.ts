/**
 * What a taker order would really do against a book: level by level, at the makers' prices,
 * paying Kalshi's taker fee on each fill (engine/money/fees.ts, the same function the
 * simulator and the live reconciliation use). The paper broker and the backtester fill with
 * this, so a backtest cannot fill at the mid or forget fees.
 *
 * Buy: spend at most `budget` (price and fees together) on `side`, never above `maxPrice`.
 *   Per level, contracts = the most that fit in what is left of the budget once the fee is
 *   added (allocation ÷ (price + fee), searched exactly because the fee rounds up), whole
 *   contracts unless `fractional`. The sum of costs and fees never exceeds the budget.
 * Sell: sell up to `contracts` of `side` into its bids, best first, optionally not below
 *   `minPrice`; fees are deducted from the proceeds.
 *
 * Fees are charged per level (each level is a separate fill against different makers); each
 * rounds up to $0.0001, so this is never cheaper than one fee on the total.
 */
import { type FeeSchedule, STANDARD_FEES, tradingFee } from "../money/fees.ts";
import { CENTIS_PER_CONTRACT, type Centis, divRound, type Micros, notional } from "../money/money.ts";
import { asksFor, sortedBidsFor } from "./book.ts";
import type { BookLevel, OrderBook, Side } from "./types.ts";

export interface WalkFill {
  price: Micros;
  count: Centis;
  /** price × count (rounded up for a buy, down for a sell: never in our favour). */
  notional: Micros;
  fee: Micros;
}

export interface BuyParams {
  side: Side;
  /** Most we spend, fees included. */
  budget: Micros;
  /** Highest price per contract we accept (MAX_ODDS). */
  maxPrice: Micros;
  fees?: FeeSchedule;
  /** Buy in 0.01-contract steps (markets with fractional trading); default whole contracts. */
  fractional?: boolean;
  /** Optional cap on contracts. */
  maxContracts?: Centis;
}

export type BuyStop = "budget" | "price_cap" | "book_exhausted" | "max_contracts";

export interface BuyResult {
  fills: WalkFill[];
  contracts: Centis;
  /** Σ notional. */
  cost: Micros;
  fees: Micros;
  /** cost + fees ≤ budget. */
  total: Micros;
  /** cost ÷ contracts, rounded half-up; null when nothing fills. */
  averagePrice: Micros | null;
  stoppedBy: BuyStop;
}

export interface SellParams {
  side: Side;
  contracts: Centis;
  /** Lowest price we accept. */
  minPrice?: Micros;
  fees?: FeeSchedule;
}

export interface SellResult {
  fills: WalkFill[];
  contracts: Centis;
  unfilled: Centis;
  proceeds: Micros;
  fees: Micros;
  /** proceeds − fees. */
  net: Micros;
  averagePrice: Micros | null;
  stoppedBy: "filled" | "price_floor" | "book_exhausted";
}

const average = (cost: number, contracts: number): Micros | null =>
  contracts > 0
    ? (Number(divRound(BigInt(cost) * BigInt(CENTIS_PER_CONTRACT), BigInt(contracts), "half-up")) as Micros)
    : null;

const buyCost = (price: Micros, count: Centis, fees: FeeSchedule): number =>
  notional(price, count, "up") + tradingFee(price, count, "taker", fees);

/** Most centis ≤ `size` whose cost with fee fits in `room` (binary search: cost grows with count). */
function affordable(price: Micros, size: number, room: number, fees: FeeSchedule): number {
  if (size <= 0 || room <= 0) return 0;
  if (buyCost(price, size as Centis, fees) <= room) return size;
  let lo = 0; // affordable
  let hi = size; // not affordable
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (buyCost(price, mid as Centis, fees) <= room) lo = mid;
    else hi = mid;
  }
  return lo;
}

function walk(levels: readonly BookLevel[], p: BuyParams, cap: number, fees: FeeSchedule): BuyResult {
  const fills: WalkFill[] = [];
  let cost = 0;
  let feeTotal = 0;
  let contracts = 0;
  let stoppedBy: BuyStop = "book_exhausted";
  for (const level of levels) {
    if (level.price > p.maxPrice) {
      stoppedBy = "price_cap";
      break;
    }
    const room = p.budget - cost - feeTotal;
    const count = affordable(level.price, Math.min(level.size, cap - contracts), room, fees);
    if (count > 0) {
      const n = notional(level.price, count as Centis, "up");
      const fee = tradingFee(level.price, count as Centis, "taker", fees);
      fills.push({ price: level.price, count: count as Centis, notional: n, fee });
      cost += n;
      feeTotal += fee;
      contracts += count;
    }
    if (contracts >= cap) {
      stoppedBy = "max_contracts";
      break;
    }
    if (count < level.size) {
      stoppedBy = "budget";
      break;
    }
  }
  return {
    fills,
    contracts: contracts as Centis,
    cost: cost as Micros,
    fees: feeTotal as Micros,
    total: (cost + feeTotal) as Micros,
    averagePrice: average(cost, contracts),
    stoppedBy,
  };
}

/**
 * Buys `side` with at most `budget` (fees included) up to `maxPrice`.
 *
 * The walk itself goes in 0.01-contract steps, like a real order that takes 2.5 contracts at
 * one level and the rest at the next. For whole contracts the total is then rounded down to a
 * whole number and the walk repeated with that cap, which costs no more (costs only grow with
 * the count).
 */
export function walkBuy(book: OrderBook, p: BuyParams): BuyResult {
  const fees = p.fees ?? STANDARD_FEES;
  if (p.budget < 0) throw new RangeError("budget must not be negative");
  const levels = asksFor(book, p.side);
  const cap = p.maxContracts ?? Number.MAX_SAFE_INTEGER;
  const first = walk(levels, p, cap, fees);
  if (p.fractional) return first;
  const whole = first.contracts - (first.contracts % CENTIS_PER_CONTRACT);
  if (whole === first.contracts) return first;
  // Report why the buy stopped, not the artificial whole-contract cap.
  return { ...walk(levels, p, whole, fees), stoppedBy: first.stoppedBy };
}

/** Sells up to `contracts` of `side` into its bids, best first, fees deducted. */
export function walkSell(book: OrderBook, p: SellParams): SellResult {
  const fees = p.fees ?? STANDARD_FEES;
  if (p.contracts < 0) throw new RangeError("contracts must not be negative");
  const levels = sortedBidsFor(book, p.side);
  const minPrice = p.minPrice ?? 0;
  const fills: WalkFill[] = [];
  let left: number = p.contracts;
  let proceeds = 0;
  let feeTotal = 0;
  let stoppedBy: SellResult["stoppedBy"] = left === 0 ? "filled" : "book_exhausted";
  for (const level of levels) {
    if (left === 0) break;
    if (level.price < minPrice) {
      stoppedBy = "price_floor";
      break;
    }
    const count = Math.min(left, level.size) as Centis;
    const n = notional(level.price, count, "down");
    const fee = tradingFee(level.price, count, "taker", fees);
    fills.push({ price: level.price, count, notional: n, fee });
    proceeds += n;
    feeTotal += fee;
    left -= count;
    if (left === 0) stoppedBy = "filled";
  }
  const sold = p.contracts - left;
  return {
    fills,
    contracts: sold as Centis,
    unfilled: left as Centis,
    proceeds: proceeds as Micros,
    fees: feeTotal as Micros,
    net: (proceeds - feeTotal) as Micros,
    averagePrice: average(proceeds, sold),
    stoppedBy,
  };
}
