/**
 * engine/exchange: Kalshi over REST and WebSocket, in exact domain types.
 * Import from here; the files behind it are free to move.
 */

export { asksFor, bestAsk, bestBid, bidsFor, emptyBook, otherSide, sortedBidsFor } from "./book.ts";
export {
  type BuyParams,
  type BuyResult,
  type BuyStop,
  type SellParams,
  type SellResult,
  type WalkFill,
  walkBuy,
  walkSell,
} from "./book-walk.ts";
export {
  type CandleQuery,
  ExchangeClient,
  type ExchangeClientOptions,
  type FillFilter,
  type HistoricalMarketFilter,
  type MarketFilter,
  type TimeRange,
} from "./client.ts";
export { clientOptionsFrom, feedOptionsFrom, type KalshiConnection } from "./connect.ts";
export { type ExchangeEndpoints, KALSHI_ENVIRONMENTS, type KalshiEnvironment } from "./environments.ts";
export {
  BadRequest,
  Conflict,
  ExchangeError,
  InvalidResponse,
  isExchangeError,
  NetworkError,
  NotFound,
  OrderOutcomeUnknown,
  RateLimited,
  ServerError,
  Timeout,
  Unauthorized,
} from "./errors.ts";
export * from "./feed/events.ts";
export { LiveFeed, type LiveFeedOptions, TERMINAL_ERROR_CODES } from "./feed/feed.ts";
export type { SocketFactory, SocketLike, Timers } from "./feed/socket.ts";
export { entryDepth, exitDepth, type Liquidity, liquidity } from "./liquidity.ts";
export { toBookOrder, toCreateOrderV2Request } from "./orders.ts";
export {
  type BucketKind,
  type BucketLimit,
  DEFAULT_REQUEST_COST,
  parseTier,
  RateLimiter,
  type Sleep,
  TIER_LIMITS,
  type Tier,
  type TierLimits,
  TokenBucket,
} from "./rate-limit.ts";
export { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy, withRetry } from "./retry.ts";
export { RequestSigner, signerFrom, signingText } from "./signer.ts";
export type { RequestObserver, RequestRecord } from "./transport.ts";
export type * from "./types.ts";
export type { InvalidResponseHook, InvalidResponseReport } from "./validate.ts";
