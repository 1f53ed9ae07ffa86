/**
 * The exchange as the engine sees it: exact integers only. Every price is Micros (integer
 * micro-dollars), every count Centis (hundredths of a contract), every time epoch milliseconds.
 * Nothing in here is a Kalshi wire shape: the zod schemas in `schemas/` turn wire shapes into these.
 */
import type { FeeSchedule } from "../money/fees.ts";
import type { Centis, Micros } from "../money/money.ts";

/** The outcome a contract pays on. */
export type Side = "yes" | "no";
/** V2 order vocabulary: `bid` buys YES (= sells NO), `ask` sells YES (= buys NO). */
export type BookSide = "bid" | "ask";
export type Action = "buy" | "sell";

/** Market lifecycle as Kalshi reports it on a market object. */
export type MarketStatus =
  | "initialized"
  | "inactive"
  | "active"
  | "closed"
  | "determined"
  | "disputed"
  | "amended"
  | "finalized";

/** The `status` query filter of GET /markets (mapped server-side to lifecycle states). */
export type MarketStatusFilter = "unopened" | "open" | "paused" | "closed" | "settled";

export type MarketResult = "yes" | "no" | "scalar" | "";

export interface PriceRange {
  start: Micros;
  end: Micros;
  step: Micros;
}

export interface Market {
  ticker: string;
  eventTicker: string;
  marketType: string;
  title: string;
  subtitle: string;
  yesSubTitle: string;
  noSubTitle: string;
  status: MarketStatus;
  createdTime: number;
  updatedTime: number;
  openTime: number;
  closeTime: number;
  expectedExpirationTime: number | null;
  latestExpirationTime: number;
  /** Best YES bid / ask as quoted on the market object (the order book is the authority). */
  yesBid: Micros;
  yesBidSize: Centis;
  yesAsk: Micros;
  yesAskSize: Centis;
  noBid: Micros;
  noAsk: Micros;
  lastPrice: Micros;
  volume: Centis;
  volume24h: Centis;
  openInterest: Centis;
  notionalValue: Micros;
  result: MarketResult;
  canCloseEarly: boolean;
  settlementValue: Micros | null;
  settlementTime: number | null;
  priceLevelStructure: string;
  priceRanges: PriceRange[];
  rulesPrimary: string;
  strikeType: string | null;
  floorStrike: number | null;
  capStrike: number | null;
}

export interface MarketPage {
  markets: Market[];
  /** Empty string on the last page. */
  cursor: string;
}

export interface BookLevel {
  price: Micros;
  size: Centis;
}

/**
 * Kalshi's book holds bids only, per outcome. Levels are merged by price, sizes positive, sorted
 * best first (highest price first). A YES bid at p is a NO ask at 1 − p and vice versa.
 */
export interface OrderBook {
  ticker: string;
  yesBids: BookLevel[];
  noBids: BookLevel[];
}

export interface ExchangeStatus {
  exchangeActive: boolean;
  tradingActive: boolean;
  estimatedResumeTime: number | null;
}

export interface Balance {
  balance: Micros;
  portfolioValue: Micros;
  updatedTime: number;
}

export interface Position {
  ticker: string;
  /** Signed: positive is YES contracts held, negative NO contracts. */
  position: Centis;
  marketExposure: Micros;
  realizedPnl: Micros;
  feesPaid: Micros;
  totalTraded: Micros;
  lastUpdatedTime: number | null;
}

export type TimeInForce = "immediate_or_cancel" | "fill_or_kill" | "good_till_canceled";
export type SelfTradePrevention = "taker_at_cross" | "maker";

/**
 * What the engine asks for: an outcome, a direction and a limit on the price of that outcome.
 * The client translates it into the V2 single-book vocabulary (bid/ask at a YES price).
 */
export interface OrderRequest {
  ticker: string;
  /** Idempotency key; the exchange rejects a second order carrying it. */
  clientOrderId: string;
  side: Side;
  action: Action;
  count: Centis;
  /** For a buy: the most we pay per contract of `side`. For a sell: the least we accept. */
  limitPrice: Micros;
  timeInForce: TimeInForce;
  reduceOnly?: boolean;
  postOnly?: boolean;
  /** Epoch ms; only meaningful with good_till_canceled. */
  expirationTime?: number;
  selfTradePrevention?: SelfTradePrevention;
}

export type OrderStatus = "resting" | "canceled" | "executed";

export interface Order {
  orderId: string;
  clientOrderId: string;
  ticker: string;
  status: OrderStatus;
  bookSide: BookSide;
  outcomeSide: Side;
  yesPrice: Micros;
  noPrice: Micros;
  fillCount: Centis;
  remainingCount: Centis;
  initialCount: Centis;
  takerFillCost: Micros;
  makerFillCost: Micros;
  takerFees: Micros;
  makerFees: Micros;
  createdTime: number | null;
  lastUpdateTime: number | null;
  expirationTime: number | null;
}

/** The answer to a create: straight from POST, or recovered from a lookup after a lost response. */
export interface PlacedOrder {
  orderId: string;
  clientOrderId: string;
  ticker: string;
  fillCount: Centis;
  remainingCount: Centis;
  /** Average YES price of the fills, when the exchange reported it. */
  averageFillPrice: Micros | null;
  averageFee: Micros | null;
  /** Set when the order came from GET /portfolio/orders after a failed or lost create. */
  recovered: Order | null;
}

export interface CancelResult {
  orderId: string;
  clientOrderId: string | null;
  reducedBy: Centis;
  time: number;
}

export interface Fill {
  fillId: string;
  tradeId: string;
  orderId: string;
  ticker: string;
  outcomeSide: Side;
  bookSide: BookSide;
  action: Action | null;
  count: Centis;
  yesPrice: Micros;
  noPrice: Micros;
  isTaker: boolean;
  fee: Micros;
  time: number | null;
}

export type SettlementResult = "yes" | "no" | "scalar" | "void";

export interface Settlement {
  ticker: string;
  eventTicker: string;
  marketResult: SettlementResult;
  yesCount: Centis;
  yesTotalCost: Micros;
  noCount: Centis;
  noTotalCost: Micros;
  revenue: Micros;
  fee: Micros;
  settledTime: number;
}

export interface Trade {
  tradeId: string;
  ticker: string;
  count: Centis;
  yesPrice: Micros;
  noPrice: Micros;
  takerOutcomeSide: Side;
  takerBookSide: BookSide;
  createdTime: number;
  isBlockTrade: boolean;
}

export interface Ohlc {
  open: Micros | null;
  low: Micros | null;
  high: Micros | null;
  close: Micros | null;
}

export interface Candlestick {
  endPeriodTime: number;
  yesBid: Ohlc;
  yesAsk: Ohlc;
  price: Ohlc & { mean: Micros | null; previous: Micros | null };
  volume: Centis;
  openInterest: Centis;
}

export type CandlePeriod = 1 | 60 | 1440;

export type KalshiFeeType =
  | "quadratic"
  | "quadratic_with_maker_fees"
  | "quadratic_with_combo_maker_fees"
  | "flat";

export interface Series {
  ticker: string;
  title: string;
  category: string;
  frequency: string;
  tags: string[];
  feeType: KalshiFeeType;
  /** Exact, ready for engine/money/fees.ts. */
  fees: FeeSchedule;
}

export interface Page<T> {
  items: T[];
  cursor: string;
}
