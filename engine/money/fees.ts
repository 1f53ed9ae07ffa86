/**
 * Kalshi's trading fees, exactly as the exchange charges them. Used by the simulator, the paper
 * broker, the backtester and the EV calculation alike, so paper and live can never disagree.
 *
 *   taker fee = roundup( 0.07   × C × P × (1 − P) × fee_multiplier )  to $0.0001
 *   maker fee = roundup( 0.0175 × C × P × (1 − P) × fee_multiplier )  to $0.0001,
 *               only on series whose fee_type is `quadratic_with_maker_fees`
 *   flat series: no per-trade fee from the formula.
 *
 * C is the contract count, P the price in dollars. All arithmetic is BigInt on integer units.
 */
import type { Centis, Micros } from "./money.ts";

export type FeeType = "quadratic" | "quadratic_with_maker_fees" | "flat";
export type Liquidity = "taker" | "maker";

/** The fee multiplier as an exact fraction of 10_000 (1.0 = 10_000), parsed from Kalshi's decimal. */
export type FeeMultiplierBp = number & { readonly __unit: "bp" };
export const DEFAULT_FEE_MULTIPLIER = 10_000 as FeeMultiplierBp;

export function parseFeeMultiplier(value: string | number): FeeMultiplierBp {
  const text = typeof value === "number" ? value.toString() : value;
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!m)
    throw new RangeError(`fee_multiplier ${JSON.stringify(value)} is not a decimal with at most 4 places`);
  return (Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"))) as FeeMultiplierBp;
}

const TAKER_RATE = { num: 7n, den: 100n };
const MAKER_RATE = { num: 175n, den: 10_000n };
/** Fee unit: $0.0001 = 100 micros. */
const FEE_TICK = 100n;

export interface FeeSchedule {
  feeType: FeeType;
  multiplier: FeeMultiplierBp;
}

export const STANDARD_FEES: FeeSchedule = { feeType: "quadratic", multiplier: DEFAULT_FEE_MULTIPLIER };

/**
 * Fee for one fill (or order) of `count` contracts at `price`. Returns micros, a multiple of 100.
 */
export function tradingFee(
  price: Micros,
  count: Centis,
  liquidity: Liquidity,
  schedule: FeeSchedule = STANDARD_FEES,
): Micros {
  if (count <= 0 || price <= 0 || price >= 1_000_000) return 0 as Micros;
  if (schedule.feeType === "flat") return 0 as Micros;
  if (liquidity === "maker" && schedule.feeType !== "quadratic_with_maker_fees") return 0 as Micros;
  const rate = liquidity === "taker" ? TAKER_RATE : MAKER_RATE;
  const p = BigInt(price);
  // rate × (C/100) × (P/1e6) × ((1e6−P)/1e6) × (M/1e4) dollars, expressed in $0.0001 ticks:
  // ticks = rate.num × C × P × (1e6−P) × M / (rate.den × 100 × 1e12 × 1e4) × 1e4
  const numerator = rate.num * BigInt(count) * p * (1_000_000n - p) * BigInt(schedule.multiplier);
  const denominator = rate.den * 100n * 1_000_000_000_000n;
  const ticks = (numerator + denominator - 1n) / denominator;
  return Number(ticks * FEE_TICK) as Micros;
}
