/**
 * A market source fed by observations in time order (the own log, memory, imported history).
 * `advanceTo(t)` folds facts stamped ≤ t into the view and no further: a fact from after the
 * decision time stays in the pending batch, out of the engine's reach. That holds for what the
 * engine read (books and settlements, from its log) as for market observations: a backtest can
 * only walk a book, or find a settlement, already folded.
 */
import type { MarketQuote } from "../../risk/quote.ts";
import type { MarketView } from "./market-view.ts";
import { MarketView as View } from "./market-view.ts";
import type { AdvanceResult, Fact, MarketSource, QuoteWatcher } from "./types.ts";

const tickerOf = (f: Fact) =>
  "book" in f ? f.book.ticker : "settled" in f ? f.settled.ticker : f.data.ticker;

export class StreamSource implements MarketSource {
  readonly view: MarketView;
  readonly market: MarketView["market"];
  readonly books: MarketView["books"];
  readonly catalog: MarketView["catalog"];
  readonly directory: MarketView["directory"];
  readonly #batches: AsyncIterator<readonly Fact[]>;
  #batch: readonly Fact[] = [];
  #index = 0;
  #done = false;
  #last = Number.NEGATIVE_INFINITY;

  constructor(
    readonly name: string,
    batches: AsyncIterable<readonly Fact[]>,
    options: { assumedSize?: number; onClose?: () => Promise<void> } = {},
  ) {
    this.view = new View(options.assumedSize ?? 0);
    this.market = this.view.market;
    this.books = this.view.books;
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
      const f = this.#batch[this.#index] as Fact;
      if (f.at > t) return { events, stoppedAt: null };
      if (f.at < this.#last)
        throw new Error(
          `${this.name}: observation of ${tickerOf(f)} at ${new Date(f.at).toISOString()} is out of time order`,
        );
      this.#last = f.at;
      this.#index++;
      if ("book" in f || "settled" in f) {
        // What the engine read is no quote: it moves no stop, it waits for the engine's next read.
        if ("book" in f) view.foldBook(f);
        else view.foldSettlement(f);
        events++;
        continue;
      }
      view.fold(f);
      events++;
      if (tickers?.has(f.data.ticker) && watch?.onQuote(f.data.ticker, f.data as MarketQuote, f.at))
        return { events, stoppedAt: f.at };
    }
  }

  close(): Promise<void> {
    return this.#onClose();
  }
}

/** Observations already in memory (tests, benchmarks, an imported history file), sorted by time. */
export function memorySource(name: string, observations: readonly Fact[]): StreamSource {
  // Usually already in time order: check in one pass rather than copy and sort a million facts.
  let ordered = true;
  for (let i = 1; i < observations.length && ordered; i++)
    ordered = (observations[i - 1] as Fact).at <= (observations[i] as Fact).at;
  const sorted = ordered ? observations : [...observations].sort((a, b) => a.at - b.at);
  return new StreamSource(
    name,
    (async function* () {
      yield sorted;
    })(),
  );
}
