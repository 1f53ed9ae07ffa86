/** What the exchange announces as it runs; the WebSocket hub turns these into channel messages. */
import type { FillRecord, OrderRecord } from "../ledger/records.ts";
import type { MarketState, TradeRecord } from "../market/types.ts";

export interface LifecycleMessage {
  market_ticker: string;
  event_type: "created" | "activated" | "deactivated" | "close_date_updated" | "determined" | "settled";
  [field: string]: unknown;
}

export type ExchangeEvent =
  | { type: "fill"; userId: string; fill: FillRecord; order: OrderRecord }
  | { type: "order"; userId: string; order: OrderRecord }
  | { type: "position"; userId: string; ticker: string }
  | { type: "book"; market: MarketState }
  | { type: "trade"; market: MarketState; trade: TradeRecord }
  | { type: "lifecycle"; market: MarketState; msg: LifecycleMessage }
  | { type: "drop_connections" }
  /** Every open WebSocket goes quiet (a half-open connection): no message, no heartbeat, no reply. */
  | { type: "silence_connections" }
  /** The next `count` data messages of matching subscriptions are lost: their seq is skipped. */
  | { type: "lose_messages"; channel: string; ticker: string | null; count: number };

export type ExchangeListener = (event: ExchangeEvent) => void;
