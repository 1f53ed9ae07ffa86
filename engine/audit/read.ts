/**
 * Audits a trade from the event log itself, not from the read tables: the tables are projections
 * and could be wrong; the log is the truth (docs/decisions/001).
 *
 * The whole log is read and every event decoded, not only the trade's own: an audit vouches for the
 * history it explains, so an unknown event type or an event failing its schema anywhere makes it
 * fail loudly (UnknownEventTypeError / EventSchemaError, naming the event's position, id and type)
 * instead of explaining a trade from a log that cannot be read whole.
 */
import { decodeEvent } from "../../events/codec.ts";
import { readAllPages, readStream } from "../../events/store/read.ts";
import { START_OF_LOG } from "../../events/store/types.ts";
import type { Queryable } from "../db/database.ts";
import { decodeOwned } from "../projections/decode.ts";
import { type AuditChain, AuditCollector, type AuditKeys } from "./chain.ts";

export interface AuditOptions {
  pageSize?: number;
  /** Told how many events the log holds before the scan starts, then after every page. */
  onTotal?: (events: number) => void;
  onPage?: (events: number) => void;
}

/** The keys of a trade from its own stream; null when there is no such trade. */
export async function auditKeys(db: Queryable, tradeId: string): Promise<AuditKeys | null> {
  const [first] = await readStream(db, `trade-${tradeId}`, { limit: 1 });
  if (!first) return null;
  const proposed = decodeEvent(first);
  if (proposed.type !== "TradeProposed") {
    throw new Error(
      `stream trade-${tradeId} starts with ${proposed.type} (event ${proposed.id}), not TradeProposed`,
    );
  }
  const d = proposed.data;
  return { tradeId: d.tradeId, ticker: d.ticker, side: d.side, scanId: d.scanId, analysisId: d.analysisId };
}

export async function auditTrade(
  db: Queryable,
  tradeId: string,
  options: AuditOptions = {},
): Promise<AuditChain | null> {
  const keys = await auditKeys(db, tradeId);
  if (!keys) return null;
  if (options.onTotal) {
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM events");
    options.onTotal(row?.n ?? 0);
  }
  const collector = new AuditCollector(keys);
  for await (const page of readAllPages(db, { after: START_OF_LOG, pageSize: options.pageSize ?? 5_000 })) {
    // decodeOwned throws on an unknown type or a schema break, naming the event.
    for (const stored of page) collector.add(decodeOwned(stored));
    options.onPage?.(page.length);
  }
  return collector.result();
}
