import { toStoredEvent } from "../../../events/store/read.ts";
import { comparePositions, type StoredEvent } from "../../../events/store/types.ts";
import type { Queryable } from "../../db/database.ts";
import type { TradeRow } from "../../projections/trades/projection.ts";
import { EVENT_COLUMNS, type EventRow } from "./events.ts";

/** How many market observations before the proposal the story shows: what the engine saw. */
export const OBSERVATIONS_BEFORE = 3;

/**
 * Every event that made a trade, in log order, in one round trip:
 * - its own stream `trade-<id>` (proposal, risk, orders, fills, stop, close, settlement),
 * - the scan `scan-<scanId>` and the selector run `analysis-<analysisId>` it came from,
 * - anything else sharing its correlation id that is not about another trade (a run's trades share
 *   the analysis' correlation id, so siblings are filtered out by their tradeId),
 * - the last few observations of its market before the proposal.
 */
export async function storyEvents(db: Queryable, trade: TradeRow): Promise<StoredEvent[]> {
  const streams = [`trade-${trade.id}`];
  if (trade.scan_id) streams.push(`scan-${trade.scan_id}`);
  if (trade.analysis_id) streams.push(`analysis-${trade.analysis_id}`);
  const rows = await db.query<EventRow>(
    `WITH proposal AS (
       SELECT global_position FROM events
       WHERE stream_id = $1 AND event_type = 'TradeProposed' ORDER BY stream_version LIMIT 1
     )
     SELECT ${EVENT_COLUMNS} FROM events
     WHERE stream_id IN (SELECT jsonb_array_elements_text($2::text::jsonb))
     UNION ALL
     SELECT ${EVENT_COLUMNS} FROM events
     WHERE metadata ->> 'correlationId' = $3 AND coalesce(data ->> 'tradeId', $4) = $4
     UNION ALL
     (SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = $5 AND event_type = 'MarketObserved'
        AND global_position < coalesce((SELECT global_position FROM proposal), 0)
      ORDER BY stream_version DESC LIMIT ${OBSERVATIONS_BEFORE})`,
    [streams[0], JSON.stringify(streams), trade.correlation_id, trade.id, `market-${trade.contract_id}`],
  );
  // The branches overlap (a trade's own events share its correlation id): keep each event once.
  const unique = new Map(rows.map((r) => [r.event_id, r]));
  return [...unique.values()].map(toStoredEvent).sort((a, b) => comparePositions(a.position, b.position));
}
