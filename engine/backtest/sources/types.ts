/**
 * A backtest's market source: where the world the engine trades in comes from. Three kinds plug
 * in here: the own event log between two dates (log-source.ts), observations held in memory or
 * imported from Kalshi history (memory-source.ts: an importer only has to produce `Observation`s
 * in time order), and the simulator's generator with a seed (sim-source.ts).
 *
 * The leakage guard lives in this contract: the runner moves the source forward with
 * `advanceTo(t)`, and everything the engine can read (market, catalog, books) shows the world as
 * of the last `advanceTo`, never a fact stamped later.
 */
import type { EventData } from "../../../events/catalog/index.ts";
import type { PaperMarketData } from "../../execution/paper-broker.ts";
import type { CatalogSource, EventDirectory } from "../../market-data/sync.ts";
import type { MarketQuote } from "../../risk/quote.ts";
import type { MarketData } from "../../trading/deps.ts";

/** One MarketObserved fact and the instant (epoch ms) it was observed. */
export interface Observation {
  at: number;
  data: EventData<"MarketObserved">;
}

/**
 * One side of a book the engine read from the exchange, stamped with when it was read: the side
 * a paper order walked (OrderBookObserved) or a side a scan judged depth on (BooksObserved).
 * Only the own event log carries these; the view hands them to the engine (market-view.ts).
 */
export interface BookObservation {
  at: number;
  book: { ticker: string; bids: "yes" | "no"; levels: readonly { price: number; size: number }[] };
}

/**
 * A settlement the engine read from the exchange, as its log records it (Resolved): the market's
 * result and when it settled, known from the instant the engine read it.
 */
export interface SettlementObservation {
  at: number;
  settled: { ticker: string; marketResult: EventData<"Resolved">["marketResult"]; settledAt: string };
}

/** What a stream source folds, in time order: observed markets and, from the log, what the engine read. */
export type Fact = Observation | BookObservation | SettlementObservation;

/**
 * Called for each fact about a market the engine holds, as it is folded in. Returning true stops
 * the fold right after that fact (the runner then acts at that instant, e.g. a real-time stop).
 */
export type QuoteWatcher = (ticker: string, quote: MarketQuote, at: number) => boolean;

export interface AdvanceResult {
  /** Facts folded into the view by this call. */
  events: number;
  /** Set when a watcher asked to stop: the instant of the fact it stopped on. */
  stoppedAt: number | null;
}

export interface MarketSource {
  /** For people: e.g. "log", "sim:7". */
  readonly name: string;
  /** The exchange reads the trading steps make (live: ExchangeClient). */
  readonly market: MarketData;
  /** What the paper broker walks. */
  readonly books: PaperMarketData;
  /** What refresh-markets syncs from. */
  readonly catalog: CatalogSource;
  readonly directory: EventDirectory;
  /** Folds every fact stamped ≤ t into the view, in time order. */
  advanceTo(
    t: number,
    watch?: { tickers: ReadonlySet<string>; onQuote: QuoteWatcher },
  ): Promise<AdvanceResult>;
  close(): Promise<void>;
}
