import type { BookLevel, OrderRequest, Side } from "../exchange/types.ts";
import type { Centis, Micros } from "../money/money.ts";

export interface ExecutedFill {
  /** The exchange's fill id (paper: derived from the client order id), the key of OrderFilled. */
  fillId: string;
  count: Centis;
  /** Price per contract of the side we trade (a NO fill is priced in NO). */
  price: Micros;
  fee: Micros;
  isTaker: boolean;
  /** Epoch ms. */
  time: number;
}

/** The side of the book a paper order walked: Kalshi's YES or NO bids, as read (OrderBookObserved). */
export interface WalkedBook {
  bids: Side;
  levels: BookLevel[];
  /** Epoch ms, from the injected clock. */
  time: number;
}

export interface ExecutionReport {
  orderId: string;
  clientOrderId: string;
  fills: ExecutedFill[];
  /** Paper only: the book the fills were walked on, recorded so a replay walks the same one. */
  book?: WalkedBook;
}

/**
 * Where orders go. Live and paper share this interface and everything above it, so paper P&L is
 * what live would have been: the paper broker fills by walking the real order book with fees.
 */
export interface Broker {
  readonly mode: "paper" | "live";
  /** Places an IOC/FOK order and reports its fills. Never retried blindly: see lookup. */
  submit(order: OrderRequest): Promise<ExecutionReport>;
  /**
   * The truth about an order we may or may not have placed (restart, lost response). `side` is the
   * outcome we trade: fills are priced in it whatever book the exchange matched them on.
   */
  lookup(ticker: string, clientOrderId: string, side: Side): Promise<ExecutionReport | null>;
}

export const filledCount = (r: ExecutionReport): number => r.fills.reduce((n, f) => n + f.count, 0);
