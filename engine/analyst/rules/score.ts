/**
 * The rules selector's arithmetic, integer wherever money is involved. The only float is the
 * calibrated probability itself; it is rounded to parts per million before it meets any price.
 */
import { tradingFee } from "../../money/fees.ts";
import { type Centis, divRound, type Micros, micros } from "../../money/money.ts";
import type { Candidate, SelectionLimits } from "../types.ts";
import { calibratedProbability, type WinRateTable } from "./win-rate.ts";

/** An edge of 1% per dollar (100 bp) or more earns the maximum position. */
export const FULL_CONVICTION_EDGE_BP = 100;
const ONE_CONTRACT = 100 as Centis;

export interface Scored {
  candidate: Candidate;
  /** Calibrated probability that the side wins, in parts per million. */
  probabilityPpm: number;
  /** Taker fee for one contract at the ask. */
  feePerContract: Micros;
  /** Price plus fee: what one contract really costs. */
  costPerContract: Micros;
  /** Expected profit per dollar spent, in basis points, rounded down. Positive means worth buying. */
  edgeBp: number;
}

export function score(candidate: Candidate, table: WinRateTable): Scored {
  const price = micros(candidate.price);
  const probabilityPpm = Math.round(calibratedProbability(table, price) * 1_000_000);
  const feePerContract = tradingFee(price, ONE_CONTRACT, "taker");
  const costPerContract = micros(price + feePerContract);
  // A winning contract pays $1 = 1_000_000 micros, so the expected payout in micros is probabilityPpm.
  const edgeBp =
    costPerContract > 0
      ? Number(divRound(BigInt(probabilityPpm - costPerContract) * 10_000n, BigInt(costPerContract), "down"))
      : Number.NEGATIVE_INFINITY;
  return { candidate, probabilityPpm, feePerContract, costPerContract, edgeBp };
}

/** Best edge first; then the scanner's EV, deeper books, and the ticker so the order is total. */
export function rank(scored: readonly Scored[]): Scored[] {
  return [...scored].sort(
    (a, b) =>
      b.edgeBp - a.edgeBp ||
      b.candidate.evPerDollarAfterFees - a.candidate.evPerDollarAfterFees ||
      b.candidate.entryDepth - a.candidate.entryDepth ||
      (a.candidate.ticker < b.candidate.ticker ? -1 : a.candidate.ticker > b.candidate.ticker ? 1 : 0),
  );
}

/**
 * Conviction-weighted size: MIN_POSITION_SIZE plus the share of the range the edge earns
 * (edge / FULL_CONVICTION_EDGE_BP, capped at 1), rounded down to whole dollars, never below the minimum.
 */
export function convictionSize(edgeBp: number, limits: SelectionLimits): Micros {
  const convictionBp = BigInt(
    Math.min(10_000, Math.max(0, Math.floor((edgeBp * 10_000) / FULL_CONVICTION_EDGE_BP))),
  );
  const range = BigInt(limits.maxPositionSize - limits.minPositionSize);
  const raw = BigInt(limits.minPositionSize) + divRound(range * convictionBp, 10_000n, "down");
  const wholeDollars = divRound(raw, 1_000_000n, "down") * 1_000_000n;
  return micros(
    Number(wholeDollars > BigInt(limits.minPositionSize) ? wholeDollars : BigInt(limits.minPositionSize)),
  );
}
