import { z } from "zod";
import { defineEvent } from "../define.ts";
import { isoTime, micros, side, ticker } from "./common.ts";

export const scanCandidate = z.object({
  ticker,
  title: z.string(),
  category: z.string(),
  seriesTicker: z.string(),
  side,
  /** The favoured side's ask: what one contract costs before fees. */
  price: micros,
  closeTime: isoTime,
  hoursToClose: z.number(),
  /** Dollars we could buy on our side up to MAX_ODDS, and sell back now. */
  entryDepth: micros,
  exitDepth: micros,
  /** Expected value per dollar staked after Kalshi's taker fee, at the market price as probability. */
  evPerDollarAfterFees: z.number(),
  /** How often real Kalshi contracts at this price paid out (shared/data), and the EV that implies. */
  historicalWinRate: z.number().nullable().default(null),
  evPerDollarHistorical: z.number().nullable().default(null),
  rules: z.string().default(""),
});

/** The scanner's funnel: how many markets passed each stage, with the criteria in force. */
export const CandidatesScanned = defineEvent({
  type: "CandidatesScanned",
  version: 1,
  schema: z.object({
    scanId: z.string(),
    criteria: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    stages: z.array(z.object({ name: z.string(), count: z.number().int().nonnegative() })),
    candidates: z.array(scanCandidate),
  }),
});
