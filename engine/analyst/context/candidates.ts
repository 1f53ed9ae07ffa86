/**
 * How a scan candidate is shown to the model. Money goes out as exact dollar strings (never floats),
 * market text (title, rules) as plain fields of a data object, capped in length.
 */
import { type Micros, micros } from "../../money/money.ts";
import { showDollars } from "../money-text.ts";
import type { Candidate } from "../types.ts";
import { truncate } from "./text.ts";

export interface CandidateView {
  ticker: string;
  /** The market's question, verbatim from Kalshi: untrusted text. */
  question: string;
  /** Resolution rules, verbatim from Kalshi (capped): untrusted text. */
  rules: string;
  category: string;
  seriesTicker: string;
  /** The favoured side, the only side that may be bought. */
  side: "yes" | "no";
  /** Ask of that side in dollars, i.e. the market's implied probability. */
  price: string;
  closeTime: string;
  daysLeft: number;
  /** Dollars that could be bought up to MAX_ODDS, and sold back now. */
  entryDepth: string;
  exitDepth: string;
  /** Expected value per dollar after Kalshi's taker fee, taking the price as the probability. */
  evPerDollarAfterFees: number;
}

export const MAX_RULES_CHARS = 1500;
const MS_PER_DAY = 86_400_000;

export function candidateView(c: Candidate, now: number): CandidateView {
  const msLeft = new Date(c.closeTime).getTime() - now;
  return {
    ticker: c.ticker,
    question: truncate(c.title, 300),
    rules: truncate(c.rules, MAX_RULES_CHARS),
    category: c.category,
    seriesTicker: c.seriesTicker,
    side: c.side,
    price: showDollars(micros(c.price) as Micros, 4),
    closeTime: c.closeTime,
    daysLeft: Math.round((Math.max(0, msLeft) / MS_PER_DAY) * 100) / 100,
    entryDepth: showDollars(micros(c.entryDepth), 2),
    exitDepth: showDollars(micros(c.exitDepth), 2),
    evPerDollarAfterFees: Math.round(c.evPerDollarAfterFees * 1e6) / 1e6,
  };
}
