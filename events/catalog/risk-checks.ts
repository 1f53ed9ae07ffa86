import { z } from "zod";

/**
 * One pre-trade check as risk ran it (engine/risk/decide.ts): whether it passed, what it observed
 * and the limit it compared against. Values are exact: money in integer micro-dollars, counts as
 * integers, days and states as text. Recorded on the event that states risk's decision
 * (TradeProposed for an approval, TradeRejected for a refusal), so an audit can show every check.
 */
const value = z.union([z.number().int().safe(), z.string(), z.boolean(), z.null()]);

export const riskCheckResult = z.object({
  check: z.string().min(1),
  passed: z.boolean(),
  /** What the check measured, by name (e.g. { committedToday, allocation, remaining }). */
  observed: z.record(z.string(), value),
  /** What it was compared with, by name (e.g. { dailyBudget }). */
  limit: z.record(z.string(), value),
  /** The same in one sentence, for people. */
  detail: z.string(),
});

/**
 * Every check risk ran, in the order it ran them; null only for events stored before checks were
 * recorded (an upcast old version): they were not recorded then and are never invented.
 */
export const riskChecks = z.array(riskCheckResult).min(1).nullable();

export type RiskCheckResultData = z.output<typeof riskCheckResult>;

/** Upcaster for a version that predates recorded checks: says so, invents nothing. */
export const checksNotRecorded =
  (field: string) =>
  (data: unknown): unknown => ({ ...(data as object), [field]: null });
