/**
 * Source (a): the own event log. Every MarketObserved up to the end of the window, in log order,
 * each stamped with the instant the engine observed it (metadata.occurredAt). Decoding goes
 * through the catalog, so an unknown or malformed event stops the backtest, naming the event.
 */
import { decodeEvent } from "../../../events/codec.ts";
import { readAll } from "../../../events/store/read.ts";
import { START_OF_LOG } from "../../../events/store/types.ts";
import type { Queryable } from "../../db/database.ts";
import { StreamSource } from "./stream-source.ts";
import type { Observation } from "./types.ts";

const PAGE = 5000;

export async function* readObservations(
  db: Queryable,
  options: { to: number; pageSize?: number },
): AsyncGenerator<Observation[]> {
  let after = START_OF_LOG;
  const pageSize = options.pageSize ?? PAGE;
  for (;;) {
    const page = await readAll(db, { after, limit: pageSize, types: ["MarketObserved"] });
    const last = page.at(-1);
    if (!last) return;
    after = last.position;
    const batch: Observation[] = [];
    for (const stored of page) {
      const event = decodeEvent(stored);
      if (event.type !== "MarketObserved") continue;
      const at = Date.parse(event.metadata.occurredAt);
      if (at >= options.to) {
        if (batch.length) yield batch;
        return;
      }
      batch.push({ at, data: event.data });
    }
    if (batch.length) yield batch;
    if (page.length < pageSize) return;
  }
}

export function logSource(db: Queryable, window: { to: number }): StreamSource {
  return new StreamSource("log", readObservations(db, window));
}
