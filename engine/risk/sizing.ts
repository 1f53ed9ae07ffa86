/**
 * Order sizing: how many contracts an allocation buys at a price, fees included.
 *
 * contracts ≈ allocation ÷ (price + per-contract fee), but Kalshi's fee rounds UP per order to
 * $0.0001 and is not linear in the count, so the division is only a starting bound. The exact
 * answer is the largest count (whole contracts, or 0.01 steps on fractional markets) whose
 *   price × count (rounded up, never in our favour) + tradingFee(price, count, taker)
 * fits in the allocation. Both terms only grow with the count, so a binary search finds it.
 *
 * Single-price sizing: for the price we will pay at most (the limit). Walking a real book level
 * by level is engine/exchange/book-walk.ts `walkBuy`, which obeys the same budget rule.
 */
import { type FeeSchedule, STANDARD_FEES, tradingFee } from "../money/fees.ts";
import {
  affordableCount,
  CENTIS_PER_CONTRACT,
  type Centis,
  MICROS_PER_DOLLAR,
  type Micros,
  notional,
} from "../money/money.ts";

export interface SizingInput {
  /** Most we spend on this order, price and fee together. */
  allocation: Micros;
  /** Price per contract of the side we buy (the limit price). */
  price: Micros;
  fees?: FeeSchedule;
  /** The market allows fractional trading: size in 0.01-contract steps. Default whole contracts. */
  fractional?: boolean;
}

export interface OrderSize {
  contracts: Centis;
  /** price × contracts, rounded up. */
  cost: Micros;
  /** Kalshi's taker fee on the whole order. */
  fee: Micros;
  /** cost + fee ≤ allocation. */
  total: Micros;
}

export const orderTotal = (price: Micros, count: Centis, fees: FeeSchedule = STANDARD_FEES): Micros =>
  (notional(price, count, "up") + tradingFee(price, count, "taker", fees)) as Micros;

export function sizeOrder(input: SizingInput): OrderSize {
  const { allocation, price } = input;
  const fees = input.fees ?? STANDARD_FEES;
  if (!Number.isSafeInteger(price) || price <= 0 || price >= MICROS_PER_DOLLAR) {
    throw new RangeError(`price ${price} must be strictly between 0 and 1 dollar`);
  }
  if (!Number.isSafeInteger(allocation) || allocation < 0) {
    throw new RangeError(`allocation ${allocation} must be a non-negative whole number of micros`);
  }
  const step = input.fractional ? 1 : CENTIS_PER_CONTRACT;
  // Without the fee the allocation buys at most this many: an upper bound for the search.
  const upperSteps = affordableCount(allocation, price, step as Centis) / step;
  let lo = 0; // affordable (zero contracts always is)
  let hi = upperSteps + 1; // not affordable
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (orderTotal(price, (mid * step) as Centis, fees) <= allocation) lo = mid;
    else hi = mid;
  }
  const contracts = (lo * step) as Centis;
  const cost = notional(price, contracts, "up");
  const fee = tradingFee(price, contracts, "taker", fees);
  return { contracts, cost, fee, total: (cost + fee) as Micros };
}
