/** What the exchange remembers about a user's orders, fills and settlements (all exact units). */
import type { Centis, Micros } from "../../engine/money/money.ts";
import type { SelfTradePrevention, TimeInForce } from "../book/matching.ts";
import type { BookSide } from "../book/order-book.ts";

export type OrderStatus = "resting" | "canceled" | "executed";

/** Kalshi's `last_update_reason` vocabulary (WebSocket user_orders). */
export type UpdateReason =
  | "Decrease"
  | "Amend"
  | "MarginCancel"
  | "SelfTradeCancel"
  | "ExpiryCancel"
  | "CloseCancel"
  | "HaltCancel"
  | "Trade"
  | "PostOnlyCrossCancel"
  | "ReduceOnlyCancel";

export interface OrderRecord {
  id: string;
  userId: string;
  clientOrderId: string;
  ticker: string;
  eventTicker: string;
  side: BookSide;
  price: Micros;
  initial: Centis;
  remaining: Centis;
  filled: Centis;
  status: OrderStatus;
  tif: TimeInForce;
  postOnly: boolean;
  reduceOnly: boolean;
  stp: SelfTradePrevention;
  cancelOnPause: boolean;
  takerFillCost: number;
  makerFillCost: number;
  takerFees: number;
  makerFees: number;
  createdTime: number;
  lastUpdateTime: number;
  lastUpdateReason?: UpdateReason;
  expirationTime?: number;
  /** Funds currently held for this order while it rests. */
  reserved: number;
  /**
   * Contracts filled per (price, liquidity), so the fee is rounded up once per order and price
   * (Kalshi rounds per order) however many partial fills it takes.
   */
  feeBasis: Map<string, Centis>;
  /** Creation sequence for ordering and cursors. */
  seq: number;
}

export interface FillRecord {
  fillId: string;
  tradeId: string;
  orderId: string;
  clientOrderId: string;
  userId: string;
  ticker: string;
  side: BookSide;
  /** YES price of the trade. */
  price: Micros;
  count: Centis;
  isTaker: boolean;
  fee: number;
  time: number;
  /** Position after this fill (centis, signed). */
  postPosition: number;
  /** Cash change from contracts (fee excluded). */
  cash: number;
  seq: number;
}

export interface SettlementRecord {
  ticker: string;
  eventTicker: string;
  result: "yes" | "no";
  yesCount: number;
  yesCost: number;
  noCount: number;
  noCost: number;
  payout: number;
  fee: number;
  time: number;
  seq: number;
}
