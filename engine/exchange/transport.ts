/**
 * The SDK, wired once per client: a dedicated axios instance (the SDK's BaseAPI adds a request
 * interceptor to whatever instance it is given; on axios's shared default those pile up across
 * clients), our own signing interceptor, and one `call` path that every request goes through:
 * rate limiter → request with timeout → typed error → retry policy → zod validation.
 *
 * axios is the SDK's own dependency (resolved from node_modules, not listed in package.json).
 */
import axios, { type AxiosInstance, type RawAxiosRequestConfig } from "axios";
import {
  AccountApi,
  Configuration,
  EventsApi,
  ExchangeApi,
  HistoricalApi,
  MarketApi,
  OrdersApi,
  PortfolioApi,
} from "kalshi-typescript";
import type { z } from "zod";
import type { Clock } from "../time/clock.ts";
import type { Random } from "../time/random.ts";
import { EndpointCosts } from "./costs.ts";
import { toExchangeError } from "./error-mapping.ts";
import { RateLimited } from "./errors.ts";
import type { BucketKind, RateLimiter, Sleep } from "./rate-limit.ts";
import { type RetryPolicy, withRetry } from "./retry.ts";
import type { RequestSigner } from "./signer.ts";
import { type InvalidResponseHook, validate } from "./validate.ts";

export interface RequestRecord {
  endpoint: string;
  attempt: number;
  /** HTTP status, or null when no response came back. */
  status: number | null;
  /** Error kind when the attempt failed (rate_limited, timeout, …). */
  error: string | null;
  durationMs: number;
}

export type RequestObserver = (r: RequestRecord) => void;

export interface TransportOptions {
  restUrl: string;
  signer: RequestSigner | null;
  limiter: RateLimiter;
  retryPolicy: RetryPolicy;
  random: Random;
  sleep: Sleep;
  clock: Clock;
  timeoutMs: number;
  onInvalidResponse?: InvalidResponseHook;
  onRequest?: RequestObserver;
}

export interface CallSpec<S extends z.ZodType> {
  /** Stable name for errors and metrics, e.g. "GET /markets/{ticker}". */
  endpoint: string;
  bucket: BucketKind;
  /** Token cost; by default the endpoint's cost from the cost table (10 unless listed). */
  tokens?: number;
  schema: S;
  /** false: one attempt only (order creation handles its own recovery). */
  retry?: boolean;
}

export type Send = (options: RawAxiosRequestConfig) => Promise<{ data: unknown; status?: number }>;

export interface SdkApis {
  market: MarketApi;
  orders: OrdersApi;
  portfolio: PortfolioApi;
  historical: HistoricalApi;
  exchange: ExchangeApi;
  account: AccountApi;
  events: EventsApi;
}

export class Transport {
  readonly apis: SdkApis;
  readonly costs = new EndpointCosts();
  readonly #opts: TransportOptions;
  readonly #axios: AxiosInstance;

  constructor(opts: TransportOptions) {
    this.#opts = opts;
    const restUrl = opts.restUrl.replace(/\/+$/, "");
    this.#axios = axios.create({
      timeout: opts.timeoutMs,
      // Timeouts surface as ETIMEDOUT rather than the ambiguous ECONNABORTED.
      transitional: { clarifyTimeoutError: true },
      validateStatus: (s) => s >= 200 && s < 300,
      // Never follow a redirect with signed headers to somewhere else.
      maxRedirects: 0,
    });
    const signer = opts.signer;
    if (signer) {
      this.#axios.interceptors.request.use((config) => {
        if (config.url && config.method) {
          const url = new URL(config.url, `${restUrl}/`);
          for (const [k, v] of Object.entries(signer.headers(config.method, url.pathname)))
            config.headers.set(k, v);
        }
        return config;
      });
    }
    // No credentials go into the SDK's Configuration: it would keep the PEM in plain sight on
    // every API object and sign with Date.now(). The interceptor above signs instead.
    const conf = new Configuration({ basePath: restUrl });
    this.apis = {
      market: new MarketApi(conf, restUrl, this.#axios),
      orders: new OrdersApi(conf, restUrl, this.#axios),
      portfolio: new PortfolioApi(conf, restUrl, this.#axios),
      historical: new HistoricalApi(conf, restUrl, this.#axios),
      exchange: new ExchangeApi(conf, restUrl, this.#axios),
      account: new AccountApi(conf, restUrl, this.#axios),
      events: new EventsApi(conf, restUrl, this.#axios),
    };
  }

  get limiter(): RateLimiter {
    return this.#opts.limiter;
  }

  get hasCredentials(): boolean {
    return this.#opts.signer !== null;
  }

  /** One request, admitted by the limiter, retried per policy, validated at the boundary. */
  async call<S extends z.ZodType>(spec: CallSpec<S>, send: Send): Promise<z.output<S>> {
    return this.validate(spec.endpoint, spec.schema, await this.fetch(spec, send));
  }

  /** Validation alone, for callers that fetched with `fetch` (see paginate's prefetching). */
  validate<S extends z.ZodType>(endpoint: string, schema: S, data: unknown): z.output<S> {
    return validate(endpoint, schema, data, this.#opts.onInvalidResponse);
  }

  /** The request without validation: limiter, timeout, typed errors, retries. */
  async fetch(spec: Omit<CallSpec<z.ZodType>, "schema">, send: Send): Promise<unknown> {
    const o = this.#opts;
    const policy = spec.retry === false ? { ...o.retryPolicy, maxAttempts: 1 } : o.retryPolicy;
    return withRetry(
      async (attempt) => {
        const tokens = spec.tokens ?? this.costs.of(spec.endpoint);
        const landed = tokens > 0 ? await o.limiter.acquireInFlight(spec.bucket, tokens) : () => undefined;
        const started = o.clock.now();
        try {
          const res = await send({ timeout: o.timeoutMs }).finally(landed);
          o.onRequest?.({
            endpoint: spec.endpoint,
            attempt,
            status: res.status ?? 200,
            error: null,
            durationMs: o.clock.now() - started,
          });
          return res.data;
        } catch (e) {
          const err = toExchangeError(e, spec.endpoint, o.timeoutMs);
          if (err instanceof RateLimited) o.limiter.penalize(spec.bucket);
          o.onRequest?.({
            endpoint: spec.endpoint,
            attempt,
            status: err.status ?? null,
            error: err.kind,
            durationMs: o.clock.now() - started,
          });
          throw err;
        }
      },
      { policy, random: o.random, sleep: o.sleep },
    );
  }
}
