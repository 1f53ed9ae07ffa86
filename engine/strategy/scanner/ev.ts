/**
 * Expected value per dollar staked, after Kalshi's taker fee.
 *
 *   cost    = price × N + tradingFee(price, N, taker)       (what buying N contracts costs)
 *   EV / $  = (q × N × $1 − cost) / cost                    (q = probability the side wins)
 *
 * Two readings of q, both reported:
 *   market      q = price: the market is right. EV is then exactly −fee / cost, always negative:
 *               the fee is the whole story unless we know better than the market.
 *   historical  q = the win rate real Kalshi contracts at that price achieved (win-rate.ts):
 *               positive where history says favourites were underpriced.
 *
 * The fee rounds up to $0.0001 per order, so the EV of a single contract would be dominated by
 * rounding. It is computed for a reference order of EV_REFERENCE_CONTRACTS contracts, about the
 * size of a real position (the seed's $20–$50 at 85–98¢ is 20–60 contracts).
 */
import { type FeeSchedule, STANDARD_FEES, tradingFee } from "../../money/fees.ts";
import { type Centis, MICROS_PER_DOLLAR, type Micros, notional } from "../../money/money.ts";

export const EV_REFERENCE_CONTRACTS = 100;
const LOT = (EV_REFERENCE_CONTRACTS * 100) as Centis;

/** Cost of the reference order at `price`, fee included, in micros. */
export function referenceCost(price: Micros, fees: FeeSchedule = STANDARD_FEES): number {
  return notional(price, LOT, "up") + tradingFee(price, LOT, "taker", fees);
}

export function evPerDollarAfterFees(
  price: Micros,
  winProbability: number,
  fees: FeeSchedule = STANDARD_FEES,
): number {
  const cost = referenceCost(price, fees);
  const expectedPayout = winProbability * EV_REFERENCE_CONTRACTS * MICROS_PER_DOLLAR;
  return (expectedPayout - cost) / cost;
}

/** EV at the market's own price as probability. */
export const marketEvPerDollar = (price: Micros, fees: FeeSchedule = STANDARD_FEES): number =>
  evPerDollarAfterFees(price, price / MICROS_PER_DOLLAR, fees);
