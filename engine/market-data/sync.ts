import type { EventStore, PendingEvent } from "../../events/event-store.ts";
import type { Market, MarketPage } from "../exchange/types.ts";
import { deterministicId } from "../time/random.ts";
import type { KnownMarket } from "./known-markets.ts";
import { type EventInfo, fingerprint, type MarketObservation, observe } from "./observation.ts";

/** What market sync needs from the exchange (the ExchangeClient provides it). */
export interface CatalogSource {
  marketPages(filter: { status: "open"; limit?: number }): AsyncIterable<MarketPage>;
  /** Current state of specific markets, whatever their status. */
  marketsByTicker(tickers: readonly string[]): Promise<Market[]>;
}

/** Series and category of events, which market objects do not carry. */
export interface EventDirectory {
  resolve(eventTickers: readonly string[]): Promise<Map<string, EventInfo>>;
}

export interface SyncResult {
  pages: number;
  openMarkets: number;
  /** Markets we knew as open that left the open list, fetched to learn their new state. */
  departed: number;
  changed: number;
  appended: number;
}

const APPEND_CHUNK = 5000;

/** What one pass over the catalog found: the observations to record, with their event ids. */
export interface CatalogChanges {
  pages: number;
  openMarkets: number;
  departed: number;
  /** `previous`: observations of the market recorded before this one (its event id derives from it). */
  changes: { ticker: string; previous: number; data: MarketObservation }[];
}

/**
 * The diff half of refresh-markets, apart from where it is recorded: fetches the entire open
 * catalog and returns an observation for every market whose price, size, status or close time
 * changed since its last observation in `known`. Markets we knew as open that left the open list
 * are looked up once more, so the cache learns that they closed or settled. The live job appends
 * the result to the event log (syncMarkets); a backtest may fold it into an in-memory cache
 * (memory-market-cache.ts) instead: one diff, two destinations.
 */
export async function catalogChanges(deps: {
  source: CatalogSource;
  directory: EventDirectory;
  known: ReadonlyMap<string, KnownMarket>;
}): Promise<CatalogChanges> {
  const { source, directory, known } = deps;
  const seen = new Set<string>();
  const changed: Market[] = [];
  let pages = 0;
  for await (const page of source.marketPages({ status: "open", limit: 1000 })) {
    pages++;
    for (const m of page.markets) {
      seen.add(m.ticker);
      if (known.get(m.ticker)?.fingerprint !== fingerprint(observe(m, undefined))) changed.push(m);
    }
  }
  const departed = [...known.entries()]
    .filter(([ticker, k]) => !k.resolved && !seen.has(ticker))
    .map(([t]) => t);
  for (let i = 0; i < departed.length; i += 100) {
    for (const m of await source.marketsByTicker(departed.slice(i, i + 100))) {
      if (known.get(m.ticker)?.fingerprint !== fingerprint(observe(m, undefined))) changed.push(m);
    }
  }
  const info = await directory.resolve([...new Set(changed.map((m) => m.eventTicker))]);
  const changes = changed.map((m) => {
    const data = observe(m, info.get(m.eventTicker));
    return { ticker: m.ticker, previous: known.get(m.ticker)?.observations ?? 0, data };
  });
  return { pages, openMarkets: seen.size, departed: departed.length, changes };
}

/**
 * refresh-markets: fetches the entire open catalog every run (not one page per run as in the
 * seed) and appends MarketObserved only for markets whose price, size, status or close time changed
 * since their last observation (catalogChanges).
 *
 * Event ids derive from (ticker, observation number, fingerprint): if a run dies after appending and
 * before the projection caught up, the rerun appends the same ids, which the store stores once.
 */
export async function syncMarkets(deps: {
  source: CatalogSource;
  directory: EventDirectory;
  store: EventStore;
  known: Map<string, KnownMarket>;
  correlationId?: string;
}): Promise<SyncResult> {
  const diff = await catalogChanges(deps);
  const batches = diff.changes.map((c) => {
    const event: PendingEvent = {
      type: "MarketObserved",
      id: deterministicId("MarketObserved", c.ticker, c.previous, fingerprint(c.data)),
      data: c.data,
    };
    return { streamId: `market-${c.ticker}`, events: [event] };
  });
  let appended = 0;
  for (let i = 0; i < batches.length; i += APPEND_CHUNK) {
    const r = await deps.store.appendMany(batches.slice(i, i + APPEND_CHUNK), {
      correlationId: deps.correlationId,
    });
    appended += r.appended;
  }
  return {
    pages: diff.pages,
    openMarkets: diff.openMarkets,
    departed: diff.departed,
    changed: diff.changes.length,
    appended,
  };
}
