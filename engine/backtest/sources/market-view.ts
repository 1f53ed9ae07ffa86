/**
 * The world as of the backtest clock, built from observations: the latest MarketObserved of every
 * market, in a Map. Folding an observation is one Map write, which is what keeps a million-event
 * backtest fast; the engine reads it through the same interfaces it reads the exchange through.
 *
 * A MarketObserved carries the top of the book only (best bid and ask with their sizes), so that
 * is the book the engine reads here, one level a side, unless the source recorded the book itself:
 * the engine's own log holds, for every paper order, the side of the book it walked
 * (OrderBookObserved), and for every scan the books it judged depth on (BooksObserved). Where
 * such a book is the freshest fact about that side of the market (read at or after its latest
 * observation, never after the clock: the source folds nothing later), the scanner reads it and
 * the paper broker walks it, level for level, so a replay of the log does what the engine did.
 * Likewise a settlement the engine read (Resolved) makes the market read as settled from then on.
 * Fees are Kalshi's standard schedule.
 */
import type { Market, MarketStatus, OrderBook, Side } from "../../exchange/types.ts";
import type { PaperMarketData } from "../../execution/paper-broker.ts";
import type { EventInfo } from "../../market-data/observation.ts";
import type { CatalogSource, EventDirectory } from "../../market-data/sync.ts";
import { type Centis, MICROS_PER_DOLLAR, type Micros } from "../../money/money.ts";
import type { MarketData } from "../../trading/deps.ts";
import type { BookObservation, Observation, SettlementObservation } from "./types.ts";

type Data = Observation["data"];

/** Markets Kalshi lists under status=open. */
const OPEN: ReadonlySet<string> = new Set(["active"]);

function toMarket(d: Data, at: number): Market {
  const time = Date.parse(d.closeTime);
  const settled = d.status === "finalized" || d.status === "determined";
  return {
    ticker: d.ticker,
    eventTicker: d.eventTicker,
    marketType: "binary",
    title: d.title,
    subtitle: d.subtitle,
    yesSubTitle: "",
    noSubTitle: "",
    status: d.status as MarketStatus,
    createdTime: at,
    updatedTime: at,
    openTime: at,
    closeTime: time,
    expectedExpirationTime: null,
    latestExpirationTime: time,
    yesBid: (d.yesBid ?? 0) as Micros,
    yesBidSize: (d.yesBidSize ?? 0) as Centis,
    yesAsk: (d.yesAsk ?? MICROS_PER_DOLLAR) as Micros,
    yesAskSize: (d.yesAskSize ?? 0) as Centis,
    noBid: (d.noBid ?? 0) as Micros,
    noAsk: (d.noAsk ?? MICROS_PER_DOLLAR) as Micros,
    lastPrice: (d.lastPrice ?? 0) as Micros,
    volume: d.volume as Centis,
    volume24h: 0 as Centis,
    openInterest: d.openInterest as Centis,
    notionalValue: MICROS_PER_DOLLAR as Micros,
    result: d.result === "void" ? "" : d.result,
    canCloseEarly: d.canCloseEarly,
    settlementValue:
      settled && d.result === "yes"
        ? (MICROS_PER_DOLLAR as Micros)
        : settled && d.result === "no"
          ? (0 as Micros)
          : null,
    settlementTime: settled && d.result ? at : null,
    priceLevelStructure: "linear_cent",
    priceRanges: [],
    rulesPrimary: d.rules,
    strikeType: null,
    floorStrike: null,
    capStrike: null,
  };
}

/**
 * Top of the book as Kalshi's bids-only book: a YES ask at a is a NO bid at 1 − a. A source that
 * records no sizes (candlesticks carry none) gets `assumedSize` centis a level, if one was given:
 * an explicit assumption, never a default.
 */
export function bookOf(d: Data | undefined, ticker: string, assumedSize = 0): OrderBook {
  if (d?.status !== "active") return { ticker, yesBids: [], noBids: [] };
  const bidSize = d.yesBidSize ?? assumedSize;
  const askSize = d.yesAskSize ?? assumedSize;
  const yesBids =
    d.yesBid && d.yesBid > 0 && bidSize ? [{ price: d.yesBid as Micros, size: bidSize as Centis }] : [];
  const noBids =
    d.yesAsk && d.yesAsk < MICROS_PER_DOLLAR && askSize
      ? [{ price: (MICROS_PER_DOLLAR - d.yesAsk) as Micros, size: askSize as Centis }]
      : [];
  return { ticker, yesBids, noBids };
}

export class MarketView {
  readonly #latest = new Map<string, Observation>();
  /** The last book the engine read of each market's YES bids and NO bids: ticker → side → book. */
  readonly #read = new Map<string, Partial<Record<Side, BookObservation>>>();
  /** Settlements the engine read (Resolved), which the market list no longer shows. */
  readonly #settled = new Map<string, SettlementObservation>();

  /** `assumedSize`: centis a book level holds when the source recorded no size (see bookOf). */
  constructor(readonly assumedSize = 0) {}

  /** The hot path: one Map write per observation. */
  fold(o: Observation): void {
    this.#latest.set(o.data.ticker, o);
  }

  /** A settlement the engine read: from then on the market reads as settled, with its settle time. */
  foldSettlement(s: SettlementObservation): void {
    this.#settled.set(s.settled.ticker, s);
  }

  /** A side of a book the engine read (OrderBookObserved, BooksObserved), kept for its next read. */
  foldBook(b: BookObservation): void {
    const sides = this.#read.get(b.book.ticker) ?? {};
    sides[b.book.bids] = b;
    this.#read.set(b.book.ticker, sides);
  }

  /**
   * The book as of now: the top of the book from the latest observation, each side replaced by
   * the book the engine recorded reading when that is at least as fresh as the observation.
   */
  walkableBook(ticker: string): OrderBook {
    const latest = this.#latest.get(ticker);
    const top = bookOf(latest?.data, ticker, this.assumedSize);
    const read = this.#read.get(ticker);
    if (!read) return top;
    const since = latest?.at ?? Number.NEGATIVE_INFINITY;
    const levels = (side: Side) => {
      const b = read[side];
      if (!b || b.at < since) return side === "yes" ? top.yesBids : top.noBids;
      return b.book.levels.map((l) => ({ price: l.price as Micros, size: l.size as Centis }));
    };
    return { ticker, yesBids: levels("yes"), noBids: levels("no") };
  }

  get size(): number {
    return this.#latest.size;
  }

  latest(ticker: string): Observation | undefined {
    return this.#latest.get(ticker);
  }

  #market(ticker: string): Market {
    const o = this.#latest.get(ticker);
    if (!o) throw new Error(`market ${ticker} has not been observed by this point of the backtest`);
    const s = this.#settled.get(ticker);
    if (!s) return toMarket(o.data, o.at);
    // A settled market stays settled: the exchange's result and settle time, as the engine read them.
    const result = s.settled.marketResult;
    const market = toMarket({ ...o.data, status: "finalized", result }, o.at);
    return { ...market, settlementTime: Date.parse(s.settled.settledAt) };
  }

  readonly market: MarketData = {
    getOrderBook: async (ticker) => this.walkableBook(ticker),
    getOrderBooks: async (tickers) => new Map(tickers.map((t) => [t, this.walkableBook(t)])),
    getMarket: async (ticker) => this.#market(ticker),
    getBalance: async () => {
      throw new Error("a backtest trades on paper: there is no exchange balance");
    },
    getPositions: async () => [],
    settlements: async () => [],
  };

  /** What the paper broker walks: the same book the engine's reads see. */
  readonly books: PaperMarketData = {
    getOrderBook: async (ticker) => this.walkableBook(ticker),
  };

  readonly catalog: CatalogSource = {
    marketPages: (filter) => this.#pages(filter.limit ?? 1000),
    marketsByTicker: async (tickers) =>
      tickers.filter((t) => this.#latest.has(t)).map((t) => this.#market(t)),
  };

  readonly directory: EventDirectory = {
    resolve: async (eventTickers) => {
      const wanted = new Set(eventTickers);
      const out = new Map<string, EventInfo>();
      for (const { data } of this.#latest.values()) {
        if (wanted.has(data.eventTicker) && !out.has(data.eventTicker))
          out.set(data.eventTicker, { seriesTicker: data.seriesTicker, category: data.category });
      }
      return out;
    },
  };

  async *#pages(limit: number) {
    let page: Market[] = [];
    for (const o of this.#latest.values()) {
      // A settlement the engine read takes the market off the open list, as on the exchange.
      if (!OPEN.has(o.data.status) || this.#settled.has(o.data.ticker)) continue;
      page.push(toMarket(o.data, o.at));
      if (page.length === limit) {
        yield { markets: page, cursor: "more" };
        page = [];
      }
    }
    yield { markets: page, cursor: "" };
  }
}
