/**
 * Price grids. Each market declares which prices it accepts (`price_level_structure` and the
 * `price_ranges` it implies); an order off the grid is rejected, as on Kalshi.
 *
 *   linear_cent        1¢ everywhere
 *   tapered_deci_cent  0.1¢ below 10¢ and above 90¢, 1¢ between
 *   deci_cent          0.1¢ everywhere
 *
 * All prices are Micros ($1 = 1,000,000). Valid prices are strictly between $0 and $1.
 */
import type { Micros } from "../../engine/money/money.ts";
import { dollars } from "../core/format.ts";

export type PriceLevelStructure = "linear_cent" | "tapered_deci_cent" | "deci_cent";
export const PRICE_LEVEL_STRUCTURES: readonly PriceLevelStructure[] = [
  "linear_cent",
  "tapered_deci_cent",
  "deci_cent",
];

const CENT = 10_000;
const DECI_CENT = 1_000;
const ONE = 1_000_000;

interface Range {
  start: number;
  end: number;
  step: number;
}

const RANGES: Record<PriceLevelStructure, readonly Range[]> = {
  linear_cent: [{ start: 0, end: ONE, step: CENT }],
  tapered_deci_cent: [
    { start: 0, end: 100_000, step: DECI_CENT },
    { start: 100_000, end: 900_000, step: CENT },
    { start: 900_000, end: ONE, step: DECI_CENT },
  ],
  deci_cent: [{ start: 0, end: ONE, step: DECI_CENT }],
};

const rangesJson = (s: PriceLevelStructure) =>
  RANGES[s].map((r) => ({ start: dollars(r.start), end: dollars(r.end), step: dollars(r.step) }));
const RANGES_JSON: Record<PriceLevelStructure, readonly { start: string; end: string; step: string }[]> = {
  linear_cent: rangesJson("linear_cent"),
  tapered_deci_cent: rangesJson("tapered_deci_cent"),
  deci_cent: rangesJson("deci_cent"),
};

/** The market's `price_ranges` (shared, read-only). */
export function priceRanges(
  structure: PriceLevelStructure,
): readonly { start: string; end: string; step: string }[] {
  return RANGES_JSON[structure];
}

/** True when `price` is an accepted order price on this grid. */
export function isOnGrid(structure: PriceLevelStructure, price: Micros): boolean {
  if (!Number.isSafeInteger(price) || price <= 0 || price >= ONE) return false;
  return RANGES[structure].some(
    (r) => price >= r.start && price <= r.end && (price - r.start) % r.step === 0,
  );
}

/** Tick size at a price (the finer one on a boundary). */
export function tickAt(structure: PriceLevelStructure, price: number): number {
  let tick = CENT;
  for (const r of RANGES[structure]) if (price >= r.start && price <= r.end) tick = Math.min(tick, r.step);
  return tick;
}

/** Lowest valid price and highest valid price on the grid. */
export const minPrice = (structure: PriceLevelStructure): Micros => tickAt(structure, 0) as Micros;
export const maxPrice = (structure: PriceLevelStructure): Micros => (ONE - tickAt(structure, ONE)) as Micros;

/** Largest grid price ≤ price (clamped into the valid range). */
export function floorToGrid(structure: PriceLevelStructure, price: number): Micros {
  const p = Math.min(Math.max(Math.floor(price), minPrice(structure)), maxPrice(structure));
  let best = minPrice(structure) as number;
  for (const r of RANGES[structure]) {
    if (p < r.start) continue;
    const top = Math.min(p, r.end);
    const candidate = r.start + Math.floor((top - r.start) / r.step) * r.step;
    if (candidate > best) best = candidate;
  }
  return best as Micros;
}

/** Smallest grid price ≥ price (clamped into the valid range). */
export function ceilToGrid(structure: PriceLevelStructure, price: number): Micros {
  const p = Math.min(Math.max(Math.ceil(price), minPrice(structure)), maxPrice(structure));
  let best = maxPrice(structure) as number;
  for (const r of RANGES[structure]) {
    if (p > r.end) continue;
    const bottom = Math.max(p, r.start);
    const candidate = r.start + Math.ceil((bottom - r.start) / r.step) * r.step;
    if (candidate < best && candidate <= r.end) best = candidate;
  }
  return best as Micros;
}

/** The next grid price strictly above / below `price`, or undefined at the edge. */
export function nextUp(structure: PriceLevelStructure, price: number): Micros | undefined {
  if (price >= maxPrice(structure)) return undefined;
  return ceilToGrid(structure, price + 1);
}
export function nextDown(structure: PriceLevelStructure, price: number): Micros | undefined {
  if (price <= minPrice(structure)) return undefined;
  return floorToGrid(structure, price - 1);
}
