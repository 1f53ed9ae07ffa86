/**
 * A market source fed by observations in time order (the own log, memory, imported history).
 * `advanceTo(t)` folds facts stamped ≤ t into the view and no further: a fact from after the
 * decision time stays in the pending batch, out of the engine's reach.
 */
import type { MarketQuote } from "../../risk/quote.ts";
import type { MarketView } from "./market-view.ts";
import { MarketView as View } from "./market-view.ts";
import type { AdvanceResult, MarketSource, Observation, QuoteWatcher } from "./types.ts";

export class StreamSource implements MarketSource {
  readonly view: MarketView;
  readonly market: MarketView["market"];
  readonly books: { getOrderBook: (t: string) => ReturnType<MarketView["market"]["getOrderBook"]> };
  readonly catalog: MarketView["catalog"];
  readonly directory: MarketView["directory"];
  readonly #batches: AsyncIterator<readonly Observation[]>;
  #batch: readonly Observation[] = [];
  #index = 0;
  #done = false;
  #last = Number.NEGATIVE_INFINITY;

  constructor(
    readonly name: string,
    batches: AsyncIterable<readonly Observation[]>,
    options: { assumedSize?: number; onClose?: () => Promise<void> } = {},
  ) {
    this.view = new View(options.assumedSize ?? 0);
    this.market = this.view.market;
    this.books = { getOrderBook: (t: string) => this.view.market.getOrderBook(t) };
    this.catalog = this.view.catalog;
    this.directory = this.view.directory;
    this.#onClose = options.onClose ?? (async () => {});
    this.#batches = batches[Symbol.asyncIterator]();
  }
  readonly #onClose: () => Promise<void>;

  async advanceTo(
    t: number,
    watch?: { tickers: ReadonlySet<string>; onQuote: QuoteWatcher },
  ): Promise<AdvanceResult> {
    let events = 0;
    const view = this.view;
    const tickers = watch && watch.tickers.size > 0 ? watch.tickers : null;
    for (;;) {
      if (this.#index >= this.#batch.length) {
        if (this.#done) return { events, stoppedAt: null };
        const next = await this.#batches.next();
        if (next.done) {
          this.#done = true;
          return { events, stoppedAt: null };
        }
        this.#batch = next.value;
        this.#index = 0;
        continue;
      }
      const o = this.#batch[this.#index] as Observation;
      if (o.at > t) return { events, stoppedAt: null };
      if (o.at < this.#last)
        throw new Error(
          `${this.name}: observation of ${o.data.ticker} at ${new Date(o.at).toISOString()} is out of time order`,
        );
      this.#last = o.at;
      this.#index++;
      view.fold(o);
      events++;
      if (tickers?.has(o.data.ticker) && watch?.onQuote(o.data.ticker, o.data as MarketQuote, o.at))
        return { events, stoppedAt: o.at };
    }
  }

  close(): Promise<void> {
    return this.#onClose();
  }
}

/** Observations already in memory (tests, benchmarks, an imported history file), sorted by time. */
export function memorySource(name: string, observations: readonly Observation[]): StreamSource {
  // Usually already in time order: check in one pass rather than copy and sort a million facts.
  let ordered = true;
  for (let i = 1; i < observations.length && ordered; i++)
    ordered = (observations[i - 1] as Observation).at <= (observations[i] as Observation).at;
  const sorted = ordered ? observations : [...observations].sort((a, b) => a.at - b.at);
  return new StreamSource(
    name,
    (async function* () {
      yield sorted;
    })(),
  );
}
