/**
 * The world as of the backtest clock, built from observations: the latest MarketObserved of every
 * market, in a Map. Folding an observation is one Map write, which is what keeps a million-event
 * backtest fast; the engine reads it through the same interfaces it reads the exchange through.
 *
 * A MarketObserved carries the top of the book only (best bid and ask with their sizes), so that
 * is the book the paper broker walks here: one level a side. Fees are Kalshi's standard schedule.
 */
import type { Market, MarketStatus, OrderBook } from "../../exchange/types.ts";
import type { EventInfo } from "../../market-data/observation.ts";
import type { CatalogSource, EventDirectory } from "../../market-data/sync.ts";
import { type Centis, MICROS_PER_DOLLAR, type Micros } from "../../money/money.ts";
import type { MarketData } from "../../trading/deps.ts";
import type { Observation } from "./types.ts";

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

  /** `assumedSize`: centis a book level holds when the source recorded no size (see bookOf). */
  constructor(readonly assumedSize = 0) {}

  /** The hot path: one Map write per observation. */
  fold(o: Observation): void {
    this.#latest.set(o.data.ticker, o);
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
    return toMarket(o.data, o.at);
  }

  readonly market: MarketData = {
    getOrderBook: async (ticker) => bookOf(this.#latest.get(ticker)?.data, ticker, this.assumedSize),
    getOrderBooks: async (tickers) =>
      new Map(tickers.map((t) => [t, bookOf(this.#latest.get(t)?.data, t, this.assumedSize)])),
    getMarket: async (ticker) => this.#market(ticker),
    getBalance: async () => {
      throw new Error("a backtest trades on paper: there is no exchange balance");
    },
    getPositions: async () => [],
    settlements: async () => [],
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
      if (!OPEN.has(o.data.status)) continue;
      page.push(toMarket(o.data, o.at));
      if (page.length === limit) {
        yield { markets: page, cursor: "more" };
        page = [];
      }
    }
    yield { markets: page, cursor: "" };
  }
}
