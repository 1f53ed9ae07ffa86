import type { EventInfo } from "./observation.ts";
import type { EventDirectory } from "./sync.ts";

export interface EventSummary extends EventInfo {
  eventTicker: string;
}

/** The event listings the directory reads (ExchangeClient provides them). */
export interface EventsSource {
  eventPages(filter: { status?: "open"; limit?: number }): AsyncIterable<{ items: EventSummary[] }>;
  getEvent(eventTicker: string): Promise<EventSummary>;
}

/** More unknown events than this in one run: list them all rather than ask one by one. */
const LIST_THRESHOLD = 25;

/**
 * Kalshi market objects carry neither series nor category; events do. Events change rarely, so
 * they are cached for the life of the process: the first sync lists every open event, later ones
 * ask only for the few new ones. An event that cannot be found is left out (category "Uncategorized").
 */
export class CachedEventDirectory implements EventDirectory {
  readonly #cache = new Map<string, EventInfo>();
  constructor(readonly source: EventsSource) {}

  async resolve(eventTickers: readonly string[]): Promise<Map<string, EventInfo>> {
    let unknown = eventTickers.filter((t) => !this.#cache.has(t));
    if (unknown.length > LIST_THRESHOLD) {
      for await (const page of this.source.eventPages({ status: "open", limit: 200 })) {
        for (const e of page.items)
          this.#cache.set(e.eventTicker, { seriesTicker: e.seriesTicker, category: e.category });
      }
      unknown = unknown.filter((t) => !this.#cache.has(t));
    }
    for (const ticker of unknown.slice(0, LIST_THRESHOLD * 4)) {
      try {
        const e = await this.source.getEvent(ticker);
        this.#cache.set(ticker, { seriesTicker: e.seriesTicker, category: e.category });
      } catch {
        // Unknown to the exchange (or briefly unreachable): the observation goes without a category.
      }
    }
    const out = new Map<string, EventInfo>();
    for (const t of eventTickers) {
      const info = this.#cache.get(t);
      if (info) out.set(t, info);
    }
    return out;
  }
}
