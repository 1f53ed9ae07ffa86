/**
 * What the live feed tells its listeners. Prices Micros, counts Centis, times epoch ms.
 */
import type { Centis, Micros } from "../../money/money.ts";
import type { Action, BookSide, OrderBook, PriceRange, Side } from "../types.ts";

export type FeedChannel = "ticker" | "orderbook_delta" | "fill" | "user_orders" | "market_lifecycle_v2";

export const ALL_CHANNELS: readonly FeedChannel[] = [
  "ticker",
  "orderbook_delta",
  "fill",
  "user_orders",
  "market_lifecycle_v2",
];

/** Channels filtered by the watched markets; the others cover the whole account or exchange. */
export const MARKET_CHANNELS: ReadonlySet<FeedChannel> = new Set(["ticker", "orderbook_delta"]);

export interface TickerUpdate {
  ticker: string;
  lastPrice: Micros;
  yesBid: Micros;
  yesAsk: Micros;
  yesBidSize: Centis | null;
  yesAskSize: Centis | null;
  volume: Centis;
  openInterest: Centis;
  time: number | null;
}

export interface FillUpdate {
  tradeId: string;
  orderId: string;
  clientOrderId: string | null;
  ticker: string;
  outcomeSide: Side;
  bookSide: BookSide;
  action: Action | null;
  isTaker: boolean;
  yesPrice: Micros;
  count: Centis;
  fee: Micros;
  postPosition: Centis | null;
  time: number | null;
}

export interface OrderUpdate {
  orderId: string;
  clientOrderId: string;
  ticker: string;
  status: "resting" | "canceled" | "executed" | "unknown";
  outcomeSide: Side;
  bookSide: BookSide;
  yesPrice: Micros;
  fillCount: Centis;
  remainingCount: Centis;
  initialCount: Centis;
  takerFillCost: Micros;
  makerFillCost: Micros;
  takerFees: Micros;
  makerFees: Micros;
  createdTime: number | null;
  lastUpdatedTime: number | null;
}

export type LifecycleEventType =
  | "created"
  | "activated"
  | "deactivated"
  | "close_date_updated"
  | "determined"
  | "settled"
  | "price_level_structure_updated"
  | "metadata_updated";

export interface LifecycleUpdate {
  ticker: string;
  eventType: LifecycleEventType;
  openTime: number | null;
  closeTime: number | null;
  determinationTime: number | null;
  settledTime: number | null;
  result: string | null;
  settlementValue: Micros | null;
  isDeactivated: boolean | null;
  priceLevelStructure: string | null;
  priceRanges: PriceRange[] | null;
}

export type FeedEvent =
  | { type: "connected"; attempt: number }
  | { type: "disconnected"; code: number; reason: string; willReconnect: boolean }
  | { type: "subscribed"; channel: FeedChannel; sid: number }
  | { type: "ticker"; update: TickerUpdate }
  | { type: "book"; ticker: string; book: OrderBook; cause: "snapshot" | "delta" }
  /** A book is no longer trustworthy until its next snapshot (gap, broken level, reconnect). */
  | { type: "book_stale"; ticker: string; reason: string }
  | { type: "fill"; fill: FillUpdate }
  | { type: "order"; order: OrderUpdate }
  | { type: "lifecycle"; update: LifecycleUpdate }
  /**
   * Messages were lost on a subscription. Books resnapshot on their own; for fills, orders and
   * lifecycle the engine should reconcile over REST.
   */
  | { type: "gap"; channel: FeedChannel; sid: number; expected: number; got: number }
  /** An error from the exchange; `tickers` are markets it named (and which we stop watching). */
  | { type: "error"; code: number | null; message: string; channel: FeedChannel | null; tickers: string[] };

export type FeedListener = (e: FeedEvent) => void;
