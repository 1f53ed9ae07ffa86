import type { Queryable } from "../../db/database.ts";
import type { AiDecisionRow } from "../../projections/ai-decisions/projection.ts";
import type { CursorKey } from "../pagination.ts";
import { jsonRows, type KeyedRow, type KeysetQuery, keysetCount, keysetPage } from "./keyset.ts";

const query = (accountId: string): KeysetQuery => ({
  from: "ai_decisions t",
  where: ["t.account_id = $1"],
  params: [accountId],
  order: { key: "t.run_at", cast: "timestamptz", id: "t.id", direction: "DESC" },
});

export const DECISIONS_SORT = "decisions:RUN_AT_DESC";

export const listDecisions = (
  db: Queryable,
  accountId: string,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<AiDecisionRow>[]> => keysetPage(db, query(accountId), after, limit + 1);

export const countDecisions = (db: Queryable, accountId: string) => keysetCount(db, query(accountId));

export function decisionsByIds(db: Queryable, accountId: string, ids: readonly string[]) {
  return jsonRows<AiDecisionRow>(
    db,
    `SELECT to_jsonb(t) AS r FROM ai_decisions t
     WHERE t.account_id = $1 AND t.id IN (SELECT jsonb_array_elements_text($2::text::jsonb))`,
    [accountId, JSON.stringify(ids)],
  );
}

/** What calibration needs of every decision: who stated which probabilities. */
export function decisionProbabilities(db: Queryable, accountId: string) {
  return db.query<{
    selector: string;
    model: string | null;
    prompt_version: string | null;
    probabilities: { ticker: string; side: "yes" | "no"; probability: number }[];
  }>(
    `SELECT selector, model, prompt_version, probabilities FROM ai_decisions
     WHERE account_id = $1 AND jsonb_array_length(probabilities) > 0`,
    [accountId],
  );
}

/** Settled yes/no results of the markets the decisions stated probabilities for. */
export async function settledResults(db: Queryable, accountId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ ticker: string; result: string }>(
    `SELECT c.market_id AS ticker, c.result FROM contracts c
     WHERE c.result IN ('yes', 'no') AND c.market_id IN (
       SELECT DISTINCT p ->> 'ticker' FROM ai_decisions d, jsonb_array_elements(d.probabilities) p
       WHERE d.account_id = $1)`,
    [accountId],
  );
  return new Map(rows.map((r) => [r.ticker, r.result]));
}
