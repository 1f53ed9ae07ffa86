/**
 * Market lifecycle as a function of time: initialized → active → closed → determined → finalized.
 * Status is derived from the market's times on demand (no per-market timers), so a catalog of
 * 100,000 markets costs nothing to keep current.
 *
 * Outcome: YES with probability = real Kalshi win rate at the market's last YES price in whole
 * cents (its fair value just before close), drawn from the market key, unless a scenario forced
 * the result.
 */
import { hash2, Stream, unit } from "../core/hash.ts";
import { settlementCents, winRate } from "../data/win-rate.ts";
import { fairPrice } from "./fair-value.ts";
import type { MarketResult, MarketState } from "./types.ts";

export type MarketStatus = "initialized" | "active" | "closed" | "determined" | "finalized";

export const finalizedTime = (m: MarketState): number => m.determinationTime + m.settlementTimerMs;

export function statusAt(m: MarketState, t: number): MarketStatus {
  if (t < m.openTime) return "initialized";
  if (t < m.closeTime) return "active";
  if (t < m.determinationTime) return "closed";
  if (t < finalizedTime(m)) return "determined";
  return "finalized";
}

/** The YES price (micros, float) the settlement draw uses. */
export const lastYesPriceAtClose = (m: MarketState, t0: number): number => fairPrice(m, t0, m.closeTime - 1);

export function drawOutcome(m: MarketState, t0: number): "yes" | "no" {
  const cents = settlementCents(lastYesPriceAtClose(m, t0));
  return unit(hash2(m.key, Stream.outcome)) < winRate(cents) ? "yes" : "no";
}

/** '' until determination; then the (cached) result. */
export function resultAt(m: MarketState, t0: number, t: number): MarketResult {
  if (t < m.determinationTime) return "";
  if (m.result === "") m.result = m.forcedResult !== "" ? m.forcedResult : drawOutcome(m, t0);
  return m.result;
}
