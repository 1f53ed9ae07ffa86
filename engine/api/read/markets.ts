import type { Queryable } from "../../db/database.ts";
import type { ContractRow } from "../../projections/contracts/projection.ts";
import { jsonRows } from "./keyset.ts";

/** The market cache rows for some tickers, in one query. */
export function marketsByTickers(db: Queryable, tickers: readonly string[]): Promise<ContractRow[]> {
  return jsonRows<ContractRow>(
    db,
    "SELECT to_jsonb(c) AS r FROM contracts c WHERE c.market_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))",
    [JSON.stringify(tickers)],
  );
}
