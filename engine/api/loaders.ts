import type { Queryable } from "../db/database.ts";
import type { AiDecisionRow } from "../projections/ai-decisions/projection.ts";
import type { ContractRow } from "../projections/contracts/projection.ts";
import type { ScanRow } from "../projections/scans/projection.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import { batchLoader, groupBy, type Loader } from "./batch.ts";
import { decisionsByIds } from "./read/decisions.ts";
import { marketsByTickers } from "./read/markets.ts";
import { scansByIds } from "./read/scans.ts";
import { tradesByAnalysisIds, tradesByIds } from "./read/trades.ts";

/** Per-request batch loaders: no field of a list item costs a query of its own. */
export interface Loaders {
  trade: Loader<string, TradeRow | null>;
  market: Loader<string, ContractRow | null>;
  decision: Loader<string, AiDecisionRow | null>;
  scan: Loader<string, ScanRow | null>;
  tradesOfDecision: Loader<string, TradeRow[]>;
}

const byKey = <V>(rows: readonly V[], key: (v: V) => string) => new Map(rows.map((r) => [key(r), r]));

export function createLoaders(db: Queryable, accountId: string): Loaders {
  return {
    trade: batchLoader(async (ids) => byKey(await tradesByIds(db, accountId, ids), (t) => t.id), null),
    market: batchLoader(
      async (tickers) => byKey(await marketsByTickers(db, tickers), (m) => m.market_id),
      null,
    ),
    decision: batchLoader(async (ids) => byKey(await decisionsByIds(db, accountId, ids), (d) => d.id), null),
    scan: batchLoader(async (ids) => byKey(await scansByIds(db, accountId, ids), (s) => s.scan_id), null),
    tradesOfDecision: batchLoader(
      async (ids) => groupBy(await tradesByAnalysisIds(db, accountId, ids), (t) => t.analysis_id ?? ""),
      [] as TradeRow[],
    ),
  };
}
