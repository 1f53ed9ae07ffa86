import type { Queryable } from "../../db/database.ts";

/**
 * The trading mode another engine's account last traded in, from its newest OrderPlaced event
 * (which records it); null before its first order. Another account's mode is that engine's
 * configuration, which this engine cannot read: the log is the only honest source.
 */
export async function recordedTradingMode(
  db: Queryable,
  accountId: string,
): Promise<"paper" | "live" | null> {
  const [row] = await db.query<{ mode: string | null }>(
    `SELECT data ->> 'mode' AS mode FROM events
      WHERE event_type = 'OrderPlaced' AND metadata ->> 'accountId' = $1
      ORDER BY global_position DESC LIMIT 1`,
    [accountId],
  );
  return row?.mode === "live" || row?.mode === "paper" ? row.mode : null;
}
