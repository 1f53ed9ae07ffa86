/** Market data: markets, order books, trades, candlesticks (live and historical share code). */
import { dollars, count as fp, isoSeconds } from "../../core/format.ts";
import { candles, PERIODS } from "../../exchange/candles.ts";
import { badRequest, notFound } from "../../exchange/errors.ts";
import type { Exchange } from "../../exchange/exchange.ts";
import { type BookLevels, levelsAt } from "../../exchange/market-view.ts";
import { tradesNewestFirst } from "../../exchange/trades.ts";
import { finalizedTime, type MarketStatus, statusAt } from "../../market/lifecycle.ts";
import type { MarketState } from "../../market/types.ts";
import {
  boolParam,
  cursorIndex,
  decodeCursor,
  encodeCursor,
  enumParam,
  intParam,
  limitParam,
  listParam,
  strParam,
} from "../params.ts";
import type { Route } from "../router.ts";
import { historicalCandleJson, liveCandleJson } from "../serialize/candles.ts";
import { tradeJson } from "../serialize/catalog.ts";
import { marketJson } from "../serialize/market.ts";

const STATUS_FILTERS = ["unopened", "open", "paused", "closed", "settled"] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

const STATUS_MAP: Record<StatusFilter, readonly MarketStatus[]> = {
  unopened: ["initialized"],
  open: ["active"],
  paused: [],
  closed: ["closed", "determined"],
  settled: ["finalized"],
};

interface MarketFilter {
  status?: StatusFilter;
  minClose?: number;
  maxClose?: number;
  minCreated?: number;
  maxCreated?: number;
  minUpdated?: number;
  minSettled?: number;
  maxSettled?: number;
  mve?: "only" | "exclude";
}

/** Kalshi's rule: timestamp filter families exclude each other and some statuses. */
function parseFilter(q: URLSearchParams, historical: boolean): MarketFilter {
  const f: MarketFilter = { mve: enumParam(q, "mve_filter", ["only", "exclude"] as const) };
  if (historical) return f;
  f.status = enumParam(q, "status", STATUS_FILTERS);
  f.minClose = intParam(q, "min_close_ts");
  f.maxClose = intParam(q, "max_close_ts");
  f.minCreated = intParam(q, "min_created_ts");
  f.maxCreated = intParam(q, "max_created_ts");
  f.minUpdated = intParam(q, "min_updated_ts");
  f.minSettled = intParam(q, "min_settled_ts");
  f.maxSettled = intParam(q, "max_settled_ts");
  const families = [
    f.minCreated !== undefined || f.maxCreated !== undefined ? "created" : "",
    f.minClose !== undefined || f.maxClose !== undefined ? "close" : "",
    f.minSettled !== undefined || f.maxSettled !== undefined ? "settled" : "",
    f.minUpdated !== undefined ? "updated" : "",
  ].filter((x) => x !== "");
  if (families.length > 1)
    throw badRequest("invalid_parameters", `timestamp filters ${families.join(" and ")} cannot be combined`);
  const family = families[0];
  const s = f.status;
  if (family === "created" && s && s !== "unopened" && s !== "open")
    throw badRequest("invalid_parameters", "created filters allow only status unopened or open");
  if (family === "close" && s && s !== "closed")
    throw badRequest("invalid_parameters", "close filters allow only status closed");
  if (family === "settled" && s && s !== "settled")
    throw badRequest("invalid_parameters", "settled filters allow only status settled");
  if (family === "updated" && (s || q.get("event_ticker") || q.get("tickers"))) {
    throw badRequest("invalid_parameters", "min_updated_ts cannot be combined with other filters");
  }
  return f;
}

function matches(ex: Exchange, m: MarketState, f: MarketFilter, historical: boolean): boolean {
  if (ex.isHistorical(m) !== historical) return false;
  if (f.mve === "only") return false;
  const sec = (ms: number) => Math.floor(ms / 1000);
  if (f.status && !STATUS_MAP[f.status].includes(statusAt(m, ex.t))) return false;
  if (f.minClose !== undefined && sec(m.closeTime) < f.minClose) return false;
  if (f.maxClose !== undefined && sec(m.closeTime) > f.maxClose) return false;
  if (f.minCreated !== undefined && sec(m.createdTime) < f.minCreated) return false;
  if (f.maxCreated !== undefined && sec(m.createdTime) > f.maxCreated) return false;
  if (f.minUpdated !== undefined && sec(m.updatedTime) <= f.minUpdated) return false;
  if (f.minSettled !== undefined || f.maxSettled !== undefined) {
    if (statusAt(m, ex.t) !== "finalized") return false;
    const settled = sec(finalizedTime(m));
    if (f.minSettled !== undefined && settled < f.minSettled) return false;
    if (f.maxSettled !== undefined && settled > f.maxSettled) return false;
  }
  return true;
}

/** Candidate market indices in catalog order, narrowed by ticker/event/series when given. */
function candidates(
  ex: Exchange,
  q: URLSearchParams,
): { at: (i: number) => number | undefined; length: number } {
  const tickers = listParam(q, "tickers");
  const eventTicker = strParam(q, "event_ticker");
  const seriesTicker = strParam(q, "series_ticker");
  let list: number[] | undefined;
  if (tickers) {
    list = tickers
      .map((t) => ex.catalog.marketByTicker.get(t)?.index)
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
  }
  const narrow = (indices: readonly number[]) =>
    list ? list.filter((i) => indices.includes(i)) : [...indices];
  if (eventTicker) list = narrow(ex.catalog.eventByTicker.get(eventTicker)?.markets ?? []);
  if (seriesTicker) list = narrow(ex.catalog.seriesByTicker.get(seriesTicker)?.markets ?? []);
  if (list) {
    const l = list;
    return { at: (i) => l[i], length: l.length };
  }
  return { at: (i) => (i < ex.catalog.markets.length ? i : undefined), length: ex.catalog.markets.length };
}

export function listMarkets(
  ex: Exchange,
  q: URLSearchParams,
  historical: boolean,
): { markets: unknown[]; cursor: string } {
  const limit = limitParam(q, 100, 1000);
  const filter = parseFilter(q, historical);
  const source = candidates(ex, q);
  const out: unknown[] = [];
  let i = cursorIndex(q);
  for (; i < source.length; i++) {
    const m = ex.catalog.markets[source.at(i) ?? -1];
    if (!m || !matches(ex, m, filter, historical)) continue;
    if (out.length === limit) break;
    out.push(marketJson(ex, m));
  }
  // The cursor points at the next match, so the last page always carries an empty cursor.
  return { markets: out, cursor: i < source.length ? encodeCursor(String(i)) : "" };
}

export function liveMarket(ex: Exchange, ticker: string): MarketState {
  const m = ex.catalog.marketByTicker.get(ticker);
  if (!m || ex.isHistorical(m)) throw notFound("market");
  return m;
}

export function historicalMarket(ex: Exchange, ticker: string): MarketState {
  const m = ex.catalog.marketByTicker.get(ticker);
  if (!m || !ex.isHistorical(m)) throw notFound("market");
  return m;
}

/** Bids only, as Kalshi: YES bids and NO bids (= YES asks at 1 − p), ascending by price. */
export function orderbookFp(
  levels: BookLevels,
  depth: number,
): { yes_dollars: string[][]; no_dollars: string[][] } {
  const take = <T>(xs: T[]) => (depth > 0 ? xs.slice(0, depth) : xs);
  const yes = take(levels.bids).map((l) => [dollars(l.price), fp(l.size)]);
  const no = take(levels.asks).map((l) => [dollars(1_000_000 - l.price), fp(l.size)]);
  return { yes_dollars: yes.reverse(), no_dollars: no.reverse() };
}

function tradesPage(
  ex: Exchange,
  q: URLSearchParams,
  historical: boolean,
): { trades: unknown[]; cursor: string } {
  const limit = limitParam(q, 100, 1000);
  const cutoff = ex.historicalCutoff();
  const minTs = intParam(q, "min_ts");
  const maxTs = intParam(q, "max_ts");
  const from = historical ? (minTs ?? 0) * 1000 : Math.max((minTs ?? 0) * 1000, cutoff);
  const to = historical
    ? Math.min(maxTs !== undefined ? maxTs * 1000 : cutoff - 1, cutoff - 1)
    : Math.min(maxTs !== undefined ? maxTs * 1000 : ex.t, ex.t);
  if (boolParam(q, "is_block_trade") === true) return { trades: [], cursor: "" };
  const ticker = strParam(q, "ticker");
  const only = ticker ? ex.catalog.marketByTicker.get(ticker) : undefined;
  if (ticker && !only) return { trades: [], cursor: "" };
  const c = decodeCursor(q)?.split(":") ?? [];
  let mi = only ? only.index : Number(c[0] ?? 0);
  let skip = Number(c[1] ?? 0);
  if (!Number.isSafeInteger(mi) || !Number.isSafeInteger(skip))
    throw badRequest("invalid_parameters", "cursor: not issued here");
  const out: unknown[] = [];
  for (; mi < ex.catalog.markets.length; mi++, skip = 0) {
    const m = ex.catalog.markets[mi];
    if (m && m.openTime <= to) {
      let n = 0;
      for (const t of tradesNewestFirst(ex, m, from, to)) {
        if (n++ < skip) continue;
        if (out.length === limit) return { trades: out, cursor: encodeCursor(`${mi}:${n - 1}`) };
        out.push(tradeJson(t));
      }
    }
    if (only) break;
  }
  return { trades: out, cursor: "" };
}

function parseCandleQuery(q: URLSearchParams) {
  const startTs = intParam(q, "start_ts");
  const endTs = intParam(q, "end_ts");
  const period = intParam(q, "period_interval");
  if (startTs === undefined || endTs === undefined || period === undefined) {
    throw badRequest("invalid_parameters", "start_ts, end_ts and period_interval are required");
  }
  if (!(PERIODS as readonly number[]).includes(period))
    throw badRequest("invalid_parameters", "period_interval must be 1, 60 or 1440");
  return { startTs, endTs, period };
}

export function marketRoutes(ex: Exchange): Route[] {
  return [
    { method: "GET", pattern: "/markets", auth: false, handler: (c) => listMarkets(ex, c.query, false) },
    {
      method: "GET",
      pattern: "/markets/orderbooks",
      auth: true,
      handler: (c) => {
        const tickers = listParam(c.query, "tickers");
        if (!tickers) throw badRequest("invalid_parameters", "tickers is required");
        if (tickers.length > 100) throw badRequest("invalid_parameters", "at most 100 tickers");
        const orderbooks = tickers
          .map((t) => ex.catalog.marketByTicker.get(t))
          .filter((m): m is MarketState => m !== undefined && !ex.isHistorical(m))
          .map((m) => ({ ticker: m.ticker, orderbook_fp: orderbookFp(levelsAt(ex, m, ex.t), 0) }));
        return { orderbooks };
      },
    },
    {
      method: "GET",
      pattern: "/markets/trades",
      auth: false,
      handler: (c) => tradesPage(ex, c.query, false),
    },
    {
      method: "GET",
      pattern: "/markets/{ticker}",
      auth: false,
      handler: (c) => ({ market: marketJson(ex, liveMarket(ex, c.params.ticker ?? "")) }),
    },
    {
      method: "GET",
      pattern: "/markets/{ticker}/orderbook",
      auth: true,
      handler: (c) => {
        const m = liveMarket(ex, c.params.ticker ?? "");
        const depth = intParam(c.query, "depth", { max: 100 }) ?? 0;
        return { orderbook_fp: orderbookFp(levelsAt(ex, m, ex.t), depth) };
      },
    },
    {
      method: "GET",
      pattern: "/series/{series_ticker}/markets/{ticker}/candlesticks",
      auth: false,
      handler: (c) => {
        const m = liveMarket(ex, c.params.ticker ?? "");
        if (ex.catalog.seriesOf(m).ticker !== c.params.series_ticker) throw notFound("market");
        const { startTs, endTs, period } = parseCandleQuery(c.query);
        let list = candles(ex, m, startTs, endTs, period).map(liveCandleJson);
        if (boolParam(c.query, "include_latest_before_start") === true)
          list = withLatestBefore(ex, m, startTs, period, list);
        return { ticker: m.ticker, candlesticks: list };
      },
    },
    {
      method: "GET",
      pattern: "/historical/markets",
      auth: false,
      handler: (c) => listMarkets(ex, c.query, true),
    },
    {
      method: "GET",
      pattern: "/historical/trades",
      auth: false,
      handler: (c) => tradesPage(ex, c.query, true),
    },
    {
      method: "GET",
      pattern: "/historical/markets/{ticker}",
      auth: false,
      handler: (c) => ({ market: marketJson(ex, historicalMarket(ex, c.params.ticker ?? "")) }),
    },
    {
      method: "GET",
      pattern: "/historical/markets/{ticker}/candlesticks",
      auth: false,
      handler: (c) => {
        const m = historicalMarket(ex, c.params.ticker ?? "");
        const { startTs, endTs, period } = parseCandleQuery(c.query);
        return {
          ticker: m.ticker,
          candlesticks: candles(ex, m, startTs, endTs, period).map(historicalCandleJson),
        };
      },
    },
    {
      method: "GET",
      pattern: "/historical/cutoff",
      auth: false,
      handler: () => {
        const cutoff = isoSeconds(ex.historicalCutoff());
        return {
          market_settled_ts: cutoff,
          trades_created_ts: cutoff,
          orders_updated_ts: cutoff,
          market_positions_last_updated_ts: cutoff,
        };
      },
    },
  ];
}

/** Prepends the synthetic "latest before start" candle Kalshi documents (OHLC null). */
function withLatestBefore(
  ex: Exchange,
  m: MarketState,
  startTs: number,
  period: number,
  list: Record<string, unknown>[],
) {
  const earlier = candles(ex, m, Math.max(0, startTs - period * 60 * 50), startTs - 1, period).map(
    liveCandleJson,
  );
  const last = earlier[earlier.length - 1];
  if (!last) return list;
  const price = last.price as Record<string, unknown>;
  const synthetic = {
    ...last,
    end_period_ts: Math.ceil(startTs / (period * 60)) * period * 60,
    price: {
      open_dollars: null,
      low_dollars: null,
      high_dollars: null,
      close_dollars: null,
      previous_dollars: price.close_dollars ?? price.previous_dollars ?? null,
    },
  };
  return [synthetic, ...list];
}
