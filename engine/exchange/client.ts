/**
 * ExchangeClient: everything the engine asks Kalshi over REST, answered in our exact domain
 * types. Built on the official SDK (see transport.ts); one instance per account.
 */
import { randomBytes } from "node:crypto";
import type { RawAxiosRequestConfig } from "axios";
import type {
  GetMarketCandlesticksHistoricalPeriodIntervalEnum,
  GetMarketCandlesticksPeriodIntervalEnum,
} from "kalshi-typescript";
import type { z } from "zod";
import { type Clock, systemClock } from "../time/clock.ts";
import { type Random, seededRandom } from "../time/random.ts";
import { chainsFor, mergeConcurrent, pageAlignedWindows, windowsFromSample } from "./catalog-partitions.ts";
import { NotFound } from "./errors.ts";
import { type CreateResult, placeOrder } from "./orders.ts";
import { chunk, collect, paginate, paginatePrefetch, secondsCeil, secondsFloor } from "./paginate.ts";
import {
  parseTier,
  RateLimiter,
  realSleep,
  type Sleep,
  TIER_LIMITS,
  type Tier,
  type TierLimits,
} from "./rate-limit.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.ts";
import {
  accountLimitsResponse,
  type EventSummary,
  endpointCostsResponse,
  exchangeStatusResponse,
  getEventResponse,
  getEventsResponse,
  getSeriesListResponse,
  getSeriesResponse,
} from "./schemas/exchange.ts";
import {
  getHistoricalCandlesticksResponse,
  getLiveCandlesticksResponse,
  getTradesResponse,
  historicalCutoffResponse,
} from "./schemas/history.ts";
import { getMarketResponse, getMarketsResponse } from "./schemas/market.ts";
import { getOrderbookResponse, getOrderbooksResponse } from "./schemas/orderbook.ts";
import {
  cancelOrderV2Response,
  createOrderV2Response,
  getOrderResponse,
  getOrdersResponse,
} from "./schemas/orders.ts";
import {
  getBalanceResponse,
  getFillsResponse,
  getPositionsResponse,
  getSettlementsResponse,
} from "./schemas/portfolio.ts";
import { cursorOnly } from "./schemas/primitives.ts";
import { signerFrom } from "./signer.ts";
import { type RequestObserver, Transport } from "./transport.ts";
import type {
  Balance,
  CancelResult,
  CandlePeriod,
  Candlestick,
  ExchangeStatus,
  Fill,
  Market,
  MarketPage,
  MarketStatusFilter,
  Order,
  OrderBook,
  OrderRequest,
  Page,
  PlacedOrder,
  Position,
  Series,
  Settlement,
  Trade,
} from "./types.ts";
import type { InvalidResponseHook } from "./validate.ts";

export interface ExchangeClientOptions {
  /** e.g. KALSHI_ENVIRONMENTS.production.restUrl or the simulator's baseUrl. */
  restUrl: string;
  apiKeyId?: string;
  /** RSA private key, PEM. Turned into an opaque key object at once; the string is not kept. */
  privateKeyPem?: string;
  /** API usage tier (default basic). Ignored when `limits` is given. */
  tier?: Tier | string;
  /** Exact bucket sizes, e.g. from GET /account/limits. */
  limits?: TierLimits;
  /** Time for the limiter and metrics. */
  clock?: Clock;
  /** Time written into KALSHI-ACCESS-TIMESTAMP (the simulator may run a manual clock). */
  signingClock?: Clock;
  sleep?: Sleep;
  /** Backoff jitter. */
  random?: Random;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** See RateLimiterOptions.reserveTokens. */
  reserveTokens?: number;
  onInvalidResponse?: InvalidResponseHook;
  onRequest?: RequestObserver;
  /** Page size for portfolio listings (orders, fills, settlements, positions); default 200. */
  portfolioPageSize?: number;
}

export interface MarketFilter {
  status?: MarketStatusFilter;
  /** Epoch ms, inclusive. Only combinable with status "closed" or no status (Kalshi's rule). */
  minCloseTime?: number;
  maxCloseTime?: number;
  eventTicker?: string;
  seriesTicker?: string;
  tickers?: readonly string[];
  mveFilter?: "only" | "exclude";
  /** 1–1000, default 1000. */
  limit?: number;
  /** Epoch ms, inclusive. Only combinable with status "open", "unopened" or none (Kalshi's rule). */
  minCreatedTime?: number;
  maxCreatedTime?: number;
}

/** What catalogPages can partition: created-time filters combine with these statuses only. */
export interface CatalogFilter {
  status?: "open" | "unopened";
  /** Page size, 1–1000, default 1000. */
  limit?: number;
}

/** Pages one chain should cover before another chain is worth its extra partial page. */
const CATALOG_PAGES_PER_CHAIN = 6;
/** Created-time bounds are widened by this each way, in whole seconds; after rounding a request
 * can reach up to twice this past its window (see #getMarkets). */
const CREATED_WIDEN_MS = 1000;
/** Enough chains to hide a round trip four times the limiter's spacing between reads. */
const CATALOG_MAX_CHAINS = 4;

export interface HistoricalMarketFilter {
  tickers?: readonly string[];
  eventTicker?: string;
  seriesTicker?: string;
  limit?: number;
}

export interface TimeRange {
  /** Epoch ms. */
  minTime?: number;
  maxTime?: number;
}

export interface FillFilter extends TimeRange {
  ticker?: string;
  orderId?: string;
}

export interface CandleQuery {
  ticker: string;
  /** Epoch ms. */
  start: number;
  end: number;
  period: CandlePeriod;
}

/** Kalshi's cap on tickers per batched order-book request; each ticker is billed as one request. */
const ORDERBOOK_BATCH_MAX = 100;

export class ExchangeClient {
  readonly transport: Transport;
  readonly #policy: RetryPolicy;
  readonly #random: Random;
  readonly #sleep: Sleep;
  readonly #pageSize: number;
  /** Sorted created times of the last full catalog listing, per status filter (see catalogPages). */
  readonly #catalogShape = new Map<string, number[]>();

  constructor(opts: ExchangeClientOptions) {
    const clock = opts.clock ?? systemClock;
    this.#sleep = opts.sleep ?? realSleep;
    this.#random = opts.random ?? seededRandom(randomBytes(4).readUInt32LE(0));
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.#pageSize = opts.portfolioPageSize ?? 200;
    const limits = opts.limits ?? TIER_LIMITS[parseTier(opts.tier ?? "basic")];
    const signer = signerFrom(opts.apiKeyId, opts.privateKeyPem, opts.signingClock);
    this.transport = new Transport({
      restUrl: opts.restUrl,
      signer,
      limiter: new RateLimiter({ limits, clock, sleep: this.#sleep, reserveTokens: opts.reserveTokens }),
      retryPolicy: this.#policy,
      random: this.#random,
      sleep: this.#sleep,
      clock,
      timeoutMs: opts.timeoutMs ?? 10_000,
      onInvalidResponse: opts.onInvalidResponse,
      onRequest: opts.onRequest,
    });
  }

  get #api() {
    return this.transport.apis;
  }

  // ── Markets ────────────────────────────────────────────────────────────────────────────

  /** The catalog, one cursor page at a time (limit 1000 by default), one page fetched ahead. */
  async *marketPages(filter: MarketFilter = {}): AsyncGenerator<MarketPage, void, undefined> {
    const endpoint = "GET /markets";
    const { minCloseTime: minClose, maxCloseTime: maxClose } = filter;
    const { minCreatedTime: minCreated, maxCreatedTime: maxCreated } = filter;
    const pages = this.#prefetchPages(
      endpoint,
      getMarketsResponse,
      (r) => r.markets,
      (cursor, o) => this.#getMarkets(filter, cursor, o),
    );
    const trimmed =
      minClose !== undefined ||
      maxClose !== undefined ||
      minCreated !== undefined ||
      maxCreated !== undefined;
    for await (const page of pages) {
      // The API filters in whole seconds; trim to the exact milliseconds asked for.
      const markets = !trimmed
        ? page.items
        : page.items.filter(
            (m) =>
              (minClose === undefined || m.closeTime >= minClose) &&
              (maxClose === undefined || m.closeTime <= maxClose) &&
              (minCreated === undefined || m.createdTime >= minCreated) &&
              (maxCreated === undefined || m.createdTime <= maxCreated),
          );
      yield { markets, cursor: page.cursor };
    }
  }

  /** One GET /markets request through the SDK (no limiter, no validation). */
  #getMarkets(filter: MarketFilter, cursor: string | undefined, o: RawAxiosRequestConfig) {
    const { minCloseTime: minClose, maxCloseTime: maxClose } = filter;
    const { minCreatedTime: minCreated, maxCreatedTime: maxCreated } = filter;
    return this.#api.market.getMarkets(
      filter.limit ?? 1000,
      cursor,
      filter.eventTicker,
      filter.seriesTicker,
      // Whether Kalshi's created bounds are inclusive is not documented: widen by a second each
      // way (the safe side) and trim exactly in marketPages. A lower bound at or before the epoch
      // is left out rather than sent negative.
      minCreated === undefined || secondsFloor(minCreated) - CREATED_WIDEN_MS / 1000 <= 0
        ? undefined
        : secondsFloor(minCreated) - CREATED_WIDEN_MS / 1000,
      maxCreated === undefined ? undefined : secondsCeil(maxCreated) + CREATED_WIDEN_MS / 1000,
      undefined,
      maxClose === undefined ? undefined : secondsCeil(maxClose),
      minClose === undefined ? undefined : secondsFloor(minClose),
      undefined,
      undefined,
      filter.status,
      filter.tickers?.join(","),
      filter.mveFilter,
      o,
    );
  }

  /**
   * The whole catalog (optionally only open or unopened markets), every market exactly once, in no
   * particular order. A large catalog is listed as several cursor chains at once over disjoint
   * created-time windows (see catalog-partitions.ts), all sharing this client's rate limiter, so
   * a sync runs at the limiter's pace however long one round trip takes. The windows come from
   * the created times of the previous full listing; the first listing in a process samples them
   * from its first page. Yielded pages carry no cursor.
   */
  async *catalogPages(filter: CatalogFilter = {}): AsyncGenerator<MarketPage, void, undefined> {
    const limit = filter.limit ?? 1000;
    const key = filter.status ?? "";
    const seen = new Set<string>();
    const created: number[] = [];
    const fresh = (markets: readonly Market[]): Market[] => {
      const out: Market[] = [];
      for (const m of markets) {
        // Windows are disjoint; this also guards against a server listing a market twice.
        if (seen.has(m.ticker)) continue;
        seen.add(m.ticker);
        created.push(m.createdTime);
        out.push(m);
      }
      return out;
    };
    let sample = this.#catalogShape.get(key);
    const known = sample !== undefined;
    let chains: number;
    if (sample) {
      chains = chainsFor(Math.ceil(sample.length / limit), CATALOG_PAGES_PER_CHAIN, CATALOG_MAX_CHAINS);
    } else {
      // First listing: one page decides whether partitioning is worth it and where to cut.
      const endpoint = "GET /markets";
      const first = await this.transport.call({ endpoint, bucket: "read", schema: getMarketsResponse }, (o) =>
        this.#getMarkets({ status: filter.status, limit }, undefined, o),
      );
      yield { markets: fresh(first.markets), cursor: "" };
      if (!first.cursor) {
        this.#catalogShape.set(
          key,
          created.sort((a, b) => a - b),
        );
        return;
      }
      sample = [...created].sort((a, b) => a - b);
      chains = CATALOG_MAX_CHAINS;
    }
    const windows =
      chains <= 1
        ? [{}]
        : known
          ? pageAlignedWindows(sample, chains, limit, 2 * CREATED_WIDEN_MS)
          : windowsFromSample(sample, chains);
    const listings = windows.map((w) =>
      this.marketPages({
        status: filter.status,
        limit,
        minCreatedTime: w.from,
        maxCreatedTime: w.until === undefined ? undefined : w.until - 1,
      }),
    );
    for await (const page of mergeConcurrent(listings)) {
      const markets = fresh(page.markets);
      if (markets.length > 0) yield { markets, cursor: "" };
    }
    this.#catalogShape.set(
      key,
      created.sort((a, b) => a - b),
    );
  }

  /** Cursor listing with one page in flight ahead of validation (see paginatePrefetch). */
  #prefetchPages<S extends z.ZodType, T>(
    endpoint: string,
    schema: S,
    items: (parsed: z.output<S>) => T[],
    send: (cursor: string | undefined, o: RawAxiosRequestConfig) => Promise<{ data: unknown }>,
  ): AsyncGenerator<Page<T>, void, undefined> {
    return paginatePrefetch({
      endpoint,
      fetchRaw: (cursor) => this.transport.fetch({ endpoint, bucket: "read" }, (o) => send(cursor, o)),
      cursorOf: (raw) => this.transport.validate(endpoint, cursorOnly, raw),
      parse: (raw) => items(this.transport.validate(endpoint, schema, raw)),
    });
  }

  async allMarkets(filter: MarketFilter = {}): Promise<Market[]> {
    const out: Market[] = [];
    for await (const p of this.marketPages(filter)) for (const m of p.markets) out.push(m);
    return out;
  }

  /** Events (series ticker and category), one cursor page at a time; 200 per page is Kalshi's most. */
  eventPages(
    filter: { status?: "open" | "closed" | "settled"; limit?: number } = {},
  ): AsyncGenerator<Page<EventSummary>, void, undefined> {
    const endpoint = "GET /events";
    return this.#prefetchPages(
      endpoint,
      getEventsResponse,
      (r) => r.events,
      (cursor, o) =>
        this.#api.events.getEvents(
          Math.min(filter.limit ?? 200, 200),
          cursor,
          undefined,
          undefined,
          filter.status as never,
          undefined,
          undefined,
          undefined,
          undefined,
          o,
        ),
    );
  }

  getEvent(eventTicker: string): Promise<EventSummary> {
    return this.transport.call(
      { endpoint: "GET /events/{event_ticker}", bucket: "read", schema: getEventResponse },
      (o) => this.#api.events.getEvent(eventTicker, undefined, o),
    );
  }

  getMarket(ticker: string): Promise<Market> {
    return this.transport.call(
      { endpoint: "GET /markets/{ticker}", bucket: "read", schema: getMarketResponse },
      (o) => this.#api.market.getMarket(ticker, o),
    );
  }

  /** Settled markets older than the live window (~3 months). */
  historicalMarketPages(filter: HistoricalMarketFilter = {}): AsyncGenerator<Page<Market>, void, undefined> {
    return this.#prefetchPages(
      "GET /historical/markets",
      getMarketsResponse,
      (r) => r.markets,
      (cursor, o) =>
        this.#api.historical.getHistoricalMarkets(
          filter.limit ?? 1000,
          cursor,
          filter.tickers?.join(","),
          filter.eventTicker,
          filter.seriesTicker,
          undefined,
          o,
        ),
    );
  }

  getHistoricalMarket(ticker: string): Promise<Market> {
    return this.transport.call(
      { endpoint: "GET /historical/markets/{ticker}", bucket: "read", schema: getMarketResponse },
      (o) => this.#api.historical.getHistoricalMarket(ticker, o),
    );
  }

  getHistoricalCutoff(): Promise<{
    marketSettled: number | null;
    tradesCreated: number | null;
    ordersUpdated: number | null;
  }> {
    return this.transport.call(
      { endpoint: "GET /historical/cutoff", bucket: "read", schema: historicalCutoffResponse },
      (o) => this.#api.historical.getHistoricalCutoff(o),
    );
  }

  // ── Order books ────────────────────────────────────────────────────────────────────────

  /** depth 0 (default) = all levels. */
  getOrderBook(ticker: string, depth = 0): Promise<OrderBook> {
    return this.transport.call(
      { endpoint: "GET /markets/{ticker}/orderbook", bucket: "read", schema: getOrderbookResponse(ticker) },
      (o) => this.#api.market.getMarketOrderbook(ticker, depth, o),
    );
  }

  /**
   * Many books, in as few requests as the read bucket allows: at most 100 tickers per request,
   * and no more than the bucket can pay for at once, since batches are billed per ticker.
   * A ticker the exchange does not return is absent from the map.
   */
  async getOrderBooks(tickers: readonly string[]): Promise<Map<string, OrderBook>> {
    const endpoint = "GET /markets/orderbooks";
    const perItem = Math.max(1, this.transport.costs.of(endpoint));
    const size = Math.min(ORDERBOOK_BATCH_MAX, this.transport.limiter.maxBatchItems("read", perItem));
    const out = new Map<string, OrderBook>();
    for (const part of chunk([...new Set(tickers)], size)) {
      const books = await this.transport.call(
        { endpoint, bucket: "read", tokens: perItem * part.length, schema: getOrderbooksResponse },
        (o) => this.#api.market.getMarketOrderbooks(part, o),
      );
      for (const b of books) out.set(b.ticker, b);
    }
    return out;
  }

  // ── Exchange, series, account ──────────────────────────────────────────────────────────

  getExchangeStatus(): Promise<ExchangeStatus> {
    return this.transport.call(
      { endpoint: "GET /exchange/status", bucket: "read", schema: exchangeStatusResponse },
      (o) => this.#api.exchange.getExchangeStatus(o),
    );
  }

  /** fee_type, fee_multiplier (exact, ready for fees.ts) and category. */
  getSeries(seriesTicker: string): Promise<Series> {
    return this.transport.call(
      { endpoint: "GET /series/{ticker}", bucket: "read", schema: getSeriesResponse },
      (o) => this.#api.market.getSeries(seriesTicker, undefined, o),
    );
  }

  getSeriesList(category?: string): Promise<Series[]> {
    return this.transport.call(
      { endpoint: "GET /series", bucket: "read", schema: getSeriesListResponse },
      (o) => this.#api.market.getSeriesList(category, undefined, undefined, undefined, undefined, o),
    );
  }

  /**
   * Adopts the account's real bucket sizes (GET /account/limits) and endpoint costs
   * (GET /account/endpoint_costs), so the limiter models the exchange exactly rather than by tier.
   */
  async calibrate(): Promise<{ usageTier: string; limits: TierLimits; defaultCost: number }> {
    const { usageTier, limits } = await this.getAccountLimits();
    this.transport.limiter.setLimits(limits);
    const costs = await this.transport.call(
      { endpoint: "GET /account/endpoint_costs", bucket: "read", schema: endpointCostsResponse },
      (o) => this.#api.account.getAccountEndpointCosts(o),
    );
    this.transport.costs.load(costs.defaultCost, costs.entries);
    return { usageTier, limits, defaultCost: costs.defaultCost };
  }

  /** The account's real bucket sizes. */
  getAccountLimits(): Promise<{ usageTier: string; limits: TierLimits }> {
    return this.transport.call(
      { endpoint: "GET /account/limits", bucket: "read", schema: accountLimitsResponse },
      (o) => this.#api.account.getAccountApiLimits(o),
    );
  }

  // ── Portfolio ──────────────────────────────────────────────────────────────────────────

  getBalance(): Promise<Balance> {
    return this.transport.call(
      { endpoint: "GET /portfolio/balance", bucket: "read", schema: getBalanceResponse },
      (o) => this.#api.portfolio.getBalance(undefined, undefined, o),
    );
  }

  /** Market positions; by default only those with a non-zero position. */
  getPositions(
    opts: { ticker?: string; eventTicker?: string; includeClosed?: boolean } = {},
  ): Promise<Position[]> {
    const endpoint = "GET /portfolio/positions";
    return collect(
      paginate(endpoint, (cursor) =>
        this.transport.call({ endpoint, bucket: "read", schema: getPositionsResponse }, (o) =>
          this.#api.portfolio.getPositions(
            cursor,
            this.#pageSize,
            opts.includeClosed ? undefined : "position",
            opts.ticker,
            opts.eventTicker,
            undefined,
            undefined,
            o,
          ),
        ),
      ),
    );
  }

  fillPages(filter: FillFilter = {}): AsyncGenerator<Page<Fill>, void, undefined> {
    const endpoint = "GET /portfolio/fills";
    return paginate(endpoint, (cursor) =>
      this.transport.call({ endpoint, bucket: "read", schema: getFillsResponse }, (o) =>
        this.#api.portfolio.getFills(
          filter.ticker,
          filter.orderId,
          filter.minTime === undefined ? undefined : secondsFloor(filter.minTime),
          filter.maxTime === undefined ? undefined : secondsCeil(filter.maxTime),
          this.#pageSize,
          cursor,
          undefined,
          undefined,
          o,
        ),
      ),
    );
  }

  fills(filter: FillFilter = {}): Promise<Fill[]> {
    return collect(this.fillPages(filter));
  }

  settlementPages(
    filter: TimeRange & { ticker?: string } = {},
  ): AsyncGenerator<Page<Settlement>, void, undefined> {
    const endpoint = "GET /portfolio/settlements";
    return paginate(endpoint, (cursor) =>
      this.transport.call({ endpoint, bucket: "read", schema: getSettlementsResponse }, (o) =>
        this.#api.portfolio.getSettlements(
          this.#pageSize,
          cursor,
          filter.ticker,
          undefined,
          filter.minTime === undefined ? undefined : secondsFloor(filter.minTime),
          filter.maxTime === undefined ? undefined : secondsCeil(filter.maxTime),
          undefined,
          o,
        ),
      ),
    );
  }

  settlements(filter: TimeRange & { ticker?: string } = {}): Promise<Settlement[]> {
    return collect(this.settlementPages(filter));
  }

  // ── Orders ─────────────────────────────────────────────────────────────────────────────

  /**
   * Places an order exactly once (see orders.ts): a failed attempt is followed by a lookup by
   * client_order_id, never by a blind second POST.
   */
  placeOrder(req: OrderRequest): Promise<PlacedOrder> {
    return placeOrder(req, {
      create: (body) =>
        this.transport.call(
          {
            endpoint: "POST /portfolio/events/orders",
            bucket: "write",
            schema: createOrderV2Response,
            retry: false,
          },
          (o) => this.#api.orders.createOrderV2(body, o),
        ) as Promise<CreateResult>,
      find: (ticker, clientOrderId) => this.findOrderByClientOrderId(ticker, clientOrderId),
      policy: this.#policy,
      random: this.#random,
      sleep: this.#sleep,
    });
  }

  getOrder(orderId: string): Promise<Order> {
    return this.transport.call(
      { endpoint: "GET /portfolio/orders/{order_id}", bucket: "read", schema: getOrderResponse },
      (o) => this.#api.orders.getOrder(orderId, o),
    );
  }

  orderPages(
    filter: TimeRange & { ticker?: string; status?: Order["status"] } = {},
  ): AsyncGenerator<Page<Order>, void, undefined> {
    const endpoint = "GET /portfolio/orders";
    return paginate(endpoint, (cursor) =>
      this.transport.call({ endpoint, bucket: "read", schema: getOrdersResponse }, (o) =>
        this.#api.orders.getOrders(
          filter.ticker,
          undefined,
          filter.minTime === undefined ? undefined : secondsFloor(filter.minTime),
          filter.maxTime === undefined ? undefined : secondsCeil(filter.maxTime),
          filter.status,
          this.#pageSize,
          cursor,
          undefined,
          undefined,
          o,
        ),
      ),
    );
  }

  /** The API has no client_order_id filter: list the market's orders and match. */
  async findOrderByClientOrderId(ticker: string, clientOrderId: string): Promise<Order | null> {
    for await (const page of this.orderPages({ ticker })) {
      const hit = page.items.find((o) => o.clientOrderId === clientOrderId);
      if (hit) return hit;
    }
    return null;
  }

  /** Cancels the rest of a resting order. A cancel is idempotent, so it is retried normally. */
  async cancelOrder(orderId: string): Promise<CancelResult> {
    return this.transport.call(
      {
        endpoint: "DELETE /portfolio/events/orders/{order_id}",
        bucket: "write",
        schema: cancelOrderV2Response,
      },
      (o) => this.#api.orders.cancelOrderV2(orderId, undefined, undefined, undefined, o),
    );
  }

  /** Like cancelOrder, but an order that is already gone is not an error. */
  async cancelOrderIfOpen(orderId: string): Promise<CancelResult | null> {
    try {
      return await this.cancelOrder(orderId);
    } catch (e) {
      if (e instanceof NotFound) return null;
      throw e;
    }
  }

  // ── Trades and candlesticks ────────────────────────────────────────────────────────────

  tradePages(
    filter: TimeRange & { ticker?: string; limit?: number } = {},
  ): AsyncGenerator<Page<Trade>, void, undefined> {
    return this.#prefetchPages(
      "GET /markets/trades",
      getTradesResponse,
      (r) => r.items,
      (cursor, o) =>
        this.#api.market.getTrades(
          filter.limit ?? 1000,
          cursor,
          filter.ticker,
          filter.minTime === undefined ? undefined : secondsFloor(filter.minTime),
          filter.maxTime === undefined ? undefined : secondsCeil(filter.maxTime),
          undefined,
          o,
        ),
    );
  }

  historicalTradePages(
    filter: TimeRange & { ticker?: string; limit?: number } = {},
  ): AsyncGenerator<Page<Trade>, void, undefined> {
    return this.#prefetchPages(
      "GET /historical/trades",
      getTradesResponse,
      (r) => r.items,
      (cursor, o) =>
        this.#api.historical.getTradesHistorical(
          filter.ticker,
          filter.minTime === undefined ? undefined : secondsFloor(filter.minTime),
          filter.maxTime === undefined ? undefined : secondsCeil(filter.maxTime),
          filter.limit ?? 1000,
          cursor,
          undefined,
          o,
        ),
    );
  }

  /** Live candlesticks (markets inside the live window). */
  getCandlesticks(seriesTicker: string, q: CandleQuery): Promise<Candlestick[]> {
    return this.transport.call(
      {
        endpoint: "GET /series/{series}/markets/{ticker}/candlesticks",
        bucket: "read",
        schema: getLiveCandlesticksResponse,
      },
      (o) =>
        this.#api.market.getMarketCandlesticks(
          seriesTicker,
          q.ticker,
          secondsFloor(q.start),
          secondsCeil(q.end),
          q.period as GetMarketCandlesticksPeriodIntervalEnum,
          undefined,
          o,
        ),
    );
  }

  /** Candlesticks of markets settled before the historical cutoff. */
  getHistoricalCandlesticks(q: CandleQuery): Promise<Candlestick[]> {
    return this.transport.call(
      {
        endpoint: "GET /historical/markets/{ticker}/candlesticks",
        bucket: "read",
        schema: getHistoricalCandlesticksResponse,
      },
      (o) =>
        this.#api.historical.getMarketCandlesticksHistorical(
          q.ticker,
          secondsFloor(q.start),
          secondsCeil(q.end),
          q.period as GetMarketCandlesticksHistoricalPeriodIntervalEnum,
          o,
        ),
    );
  }
}
