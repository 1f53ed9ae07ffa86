/**
 * How much of today's budget and trade count is already used, counted one way for the daily scan
 * and for `cli status`: proposed trades hold their allocation, placed ones their cost plus entry
 * fees; rejected and failed trades hold nothing. "Today" is the local day in the configured zone.
 */
import type { Queryable } from "../db/database.ts";
import type { Micros } from "../money/money.ts";
import { localDayBounds } from "../risk/local-day.ts";
import { tradesForRisk } from "./read-model.ts";

export interface TodaysCommitment {
  /** The local date, YYYY-MM-DD. */
  day: string;
  /** The local day's bounds, as ISO instants. */
  dayStart: string;
  dayEnd: string;
  committed: Micros;
  trades: number;
}

export async function todaysCommitment(
  db: Queryable,
  accountId: string,
  now: number,
  timezone: string,
): Promise<TodaysCommitment> {
  const day = localDayBounds(now, timezone);
  const dayStart = new Date(day.start).toISOString();
  const today = (await tradesForRisk(db, accountId, dayStart)).filter(
    (t) => t.proposed_at >= dayStart && t.status !== "rejected" && t.status !== "failed",
  );
  const committed = today.reduce(
    (sum, t) => sum + (t.status === "proposed" ? t.allocation : t.position_size + t.entry_fees),
    0,
  );
  return {
    day: day.day,
    dayStart,
    dayEnd: new Date(day.end).toISOString(),
    committed: committed as Micros,
    trades: today.length,
  };
}
