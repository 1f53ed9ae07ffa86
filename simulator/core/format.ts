/**
 * Response formatting in Kalshi's style. Dollar fields carry 4 decimals ("0.9500") unless the
 * amount needs more, then 6 (sub-$0.0001 amounts appear with fractional contracts); counts
 * always carry 2. Everything is formatted from integers (Micros, Centis), never from floats.
 */
import { type Centis, formatCount, formatDollars, type Micros } from "../../engine/money/money.ts";

export function dollars(amount: Micros | number): string {
  return amount % 100 === 0 ? formatDollars(amount as Micros, 4) : formatDollars(amount as Micros, 6);
}

/** Always 6 decimals, as the WebSocket `user_order` and fill fee fields are documented. */
export const dollars6 = (amount: Micros | number): string => formatDollars(amount as Micros, 6);

export const count = (amount: Centis | number): string => formatCount(amount as Centis);

export const iso = (ms: number): string => new Date(ms).toISOString();
/** Kalshi writes times as RFC 3339 without milliseconds. */
export const isoSeconds = (ms: number): string =>
  `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
