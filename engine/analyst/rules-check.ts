/**
 * The business rules every selection must pass, whoever made it: known ticker and side, each
 * ticker once, allocation within [MIN_POSITION_SIZE, MAX_POSITION_SIZE] and the order book, no more
 * picks than trades left today, total within the remaining daily budget. Returns what is wrong,
 * as sentences fit to send back to the model and to store as rejection reasons.
 */
import { type Micros, sumMicros } from "../money/money.ts";
import { showDollars } from "./money-text.ts";
import type { Candidate, SelectionLimits, Side } from "./types.ts";

/** One candidate per ticker, the first one listed: a scan listing a ticker twice must not widen any limit. */
export function uniqueCandidates(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (seen.has(c.ticker)) return false;
    seen.add(c.ticker);
    return true;
  });
}

export interface ProposedPick {
  ticker: string;
  side: Side;
  allocation: Micros;
}

export function selectionViolations(
  picks: readonly ProposedPick[],
  candidates: readonly Candidate[],
  limits: SelectionLimits,
): string[] {
  const errors: string[] = [];
  const byTicker = new Map(uniqueCandidates(candidates).map((c) => [c.ticker, c]));
  const seen = new Set<string>();
  picks.forEach((p, i) => {
    const at = `selection ${i + 1} (${p.ticker})`;
    const candidate = byTicker.get(p.ticker);
    if (!candidate) errors.push(`${at}: ticker is not one of the candidates`);
    else if (candidate.side !== p.side) {
      errors.push(`${at}: side "${p.side}" is not the candidate's side "${candidate.side}"`);
    }
    if (seen.has(p.ticker)) errors.push(`${at}: ticker picked more than once`);
    seen.add(p.ticker);
    if (p.allocation < limits.minPositionSize) {
      errors.push(
        `${at}: allocation $${showDollars(p.allocation)} is below MIN_POSITION_SIZE $${showDollars(limits.minPositionSize)}`,
      );
    }
    if (p.allocation > limits.maxPositionSize) {
      errors.push(
        `${at}: allocation $${showDollars(p.allocation)} is above MAX_POSITION_SIZE $${showDollars(limits.maxPositionSize)}`,
      );
    }
    if (candidate && p.allocation > candidate.entryDepth) {
      errors.push(
        `${at}: allocation $${showDollars(p.allocation)} is more than the order book offers ($${showDollars(candidate.entryDepth as Micros)})`,
      );
    }
  });
  if (picks.length > limits.tradesRemaining) {
    errors.push(`${picks.length} selections, but only ${limits.tradesRemaining} trades are left today`);
  }
  const total = sumMicros(picks.map((p) => p.allocation));
  if (total > limits.remainingBudget) {
    errors.push(
      `allocations total $${showDollars(total)}, above the remaining daily budget $${showDollars(limits.remainingBudget)}`,
    );
  }
  return errors;
}

export interface ProposedProbability {
  ticker: string;
  side: Side;
  probability: number;
}

/** Exactly one probability per candidate, on the candidate's side. */
export function probabilityViolations(
  probabilities: readonly ProposedProbability[],
  candidates: readonly Candidate[],
): string[] {
  const errors: string[] = [];
  const unique = uniqueCandidates(candidates);
  const byTicker = new Map(unique.map((c) => [c.ticker, c]));
  const seen = new Set<string>();
  for (const p of probabilities) {
    const candidate = byTicker.get(p.ticker);
    if (!candidate) errors.push(`probability for ${p.ticker}: not one of the candidates`);
    else if (candidate.side !== p.side) {
      errors.push(
        `probability for ${p.ticker}: side "${p.side}" is not the candidate's side "${candidate.side}"`,
      );
    }
    if (seen.has(p.ticker)) errors.push(`probability for ${p.ticker}: given more than once`);
    seen.add(p.ticker);
    if (!(p.probability >= 0 && p.probability <= 1)) {
      errors.push(`probability for ${p.ticker}: ${p.probability} is not between 0 and 1`);
    }
  }
  const missing = unique.filter((c) => !seen.has(c.ticker)).map((c) => c.ticker);
  if (missing.length > 0) errors.push(`no probability for: ${missing.join(", ")}`);
  return errors;
}
