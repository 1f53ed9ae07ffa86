/**
 * Inbound WebSocket messages (Kalshi AsyncAPI, trade-api/ws/v2), validated with zod like every
 * REST response. Field names follow the AsyncAPI payload schemas.
 */
import { z } from "zod";
import type { Micros } from "../../money/money.ts";
import { priceRangeSchema } from "../schemas/market.ts";
import { sideSchema } from "../schemas/orderbook.ts";
import {
  action,
  bookSide,
  count,
  money,
  optionalMoney,
  optionalTime,
  price,
  side,
  signedCount,
} from "../schemas/primitives.ts";
import type { FillUpdate, LifecycleUpdate, OrderUpdate, TickerUpdate } from "./events.ts";

/** Every server message: a type, maybe a command id, a subscription id and a sequence number. */
export const envelopeSchema = z.object({
  type: z.string(),
  id: z.number().int().optional(),
  sid: z.number().int().optional(),
  seq: z.number().int().optional(),
  msg: z.unknown().optional(),
});
export type Envelope = z.output<typeof envelopeSchema>;

export const subscribedMsg = z.object({ channel: z.string(), sid: z.number().int() });

export const errorMsg = z
  .object({
    code: z.number().int(),
    msg: z.string().optional().default(""),
    market_ticker: z.string().optional(),
    market_tickers: z.array(z.string()).optional(),
  })
  .transform((e) => ({
    code: e.code,
    msg: e.msg,
    tickers: [...(e.market_ticker ? [e.market_ticker] : []), ...(e.market_tickers ?? [])],
  }));

const optionalCount = z
  .union([count, z.null()])
  .optional()
  .transform((c) => c ?? null);

const msTime = z
  .number()
  .int()
  .nullish()
  .transform((n) => n ?? null);

/**
 * The documented snapshot keys are yes_dollars_fp / no_dollars_fp; REST uses yes_dollars /
 * no_dollars. Either is accepted (and a missing side means no bids).
 */
export const snapshotMsg = z
  .object({
    market_ticker: z.string().min(1),
    yes_dollars_fp: sideSchema,
    no_dollars_fp: sideSchema,
    yes_dollars: sideSchema,
    no_dollars: sideSchema,
  })
  .transform((m) => ({
    ticker: m.market_ticker,
    yes: m.yes_dollars_fp.length > 0 ? m.yes_dollars_fp : m.yes_dollars,
    no: m.no_dollars_fp.length > 0 ? m.no_dollars_fp : m.no_dollars,
  }));

export const deltaMsg = z
  .object({
    market_ticker: z.string().min(1),
    price_dollars: price,
    delta_fp: signedCount,
    side,
    client_order_id: z.string().optional(),
    ts_ms: msTime,
  })
  .transform((m) => ({ ticker: m.market_ticker, price: m.price_dollars, delta: m.delta_fp, side: m.side }));

export const tickerMsg = z
  .object({
    market_ticker: z.string().min(1),
    price_dollars: price,
    yes_bid_dollars: price,
    yes_ask_dollars: price,
    yes_bid_size_fp: optionalCount,
    yes_ask_size_fp: optionalCount,
    volume_fp: count,
    open_interest_fp: count,
    ts_ms: msTime,
    ts: z.number().int().optional(),
  })
  .transform(
    (m): TickerUpdate => ({
      ticker: m.market_ticker,
      lastPrice: m.price_dollars,
      yesBid: m.yes_bid_dollars,
      yesAsk: m.yes_ask_dollars,
      yesBidSize: m.yes_bid_size_fp,
      yesAskSize: m.yes_ask_size_fp,
      volume: m.volume_fp,
      openInterest: m.open_interest_fp,
      time: m.ts_ms ?? (m.ts === undefined ? null : m.ts * 1000),
    }),
  );

export const fillMsg = z
  .object({
    trade_id: z.string().min(1),
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    market_ticker: z.string().min(1),
    is_taker: z.boolean(),
    outcome_side: side,
    book_side: bookSide,
    action: z.union([action, z.string()]).optional(),
    yes_price_dollars: price,
    count_fp: count,
    fee_cost: money,
    post_position_fp: z
      .union([signedCount, z.null()])
      .optional()
      .transform((c) => c ?? null),
    ts_ms: msTime,
    ts: z.number().int().optional(),
  })
  .transform(
    (m): FillUpdate => ({
      tradeId: m.trade_id,
      orderId: m.order_id,
      clientOrderId: m.client_order_id ?? null,
      ticker: m.market_ticker,
      outcomeSide: m.outcome_side,
      bookSide: m.book_side,
      action: m.action === "buy" || m.action === "sell" ? m.action : null,
      isTaker: m.is_taker,
      yesPrice: m.yes_price_dollars,
      count: m.count_fp,
      fee: m.fee_cost,
      postPosition: m.post_position_fp,
      time: m.ts_ms ?? (m.ts === undefined ? null : m.ts * 1000),
    }),
  );

export const userOrderMsg = z
  .object({
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    ticker: z.string().min(1),
    status: z.enum(["resting", "canceled", "executed", "unknown"]),
    outcome_side: side,
    book_side: bookSide,
    yes_price_dollars: price,
    fill_count_fp: count,
    remaining_count_fp: count,
    initial_count_fp: count,
    taker_fill_cost_dollars: money,
    maker_fill_cost_dollars: money,
    taker_fees_dollars: money,
    maker_fees_dollars: money,
    created_ts_ms: msTime,
    created_time: optionalTime,
    last_updated_ts_ms: msTime,
  })
  .transform(
    (m): OrderUpdate => ({
      orderId: m.order_id,
      clientOrderId: m.client_order_id ?? "",
      ticker: m.ticker,
      status: m.status,
      outcomeSide: m.outcome_side,
      bookSide: m.book_side,
      yesPrice: m.yes_price_dollars,
      fillCount: m.fill_count_fp,
      remainingCount: m.remaining_count_fp,
      initialCount: m.initial_count_fp,
      takerFillCost: m.taker_fill_cost_dollars,
      makerFillCost: m.maker_fill_cost_dollars,
      takerFees: m.taker_fees_dollars,
      makerFees: m.maker_fees_dollars,
      createdTime: m.created_ts_ms ?? m.created_time,
      lastUpdatedTime: m.last_updated_ts_ms,
    }),
  );

const secondsOrNull = z
  .number()
  .int()
  .nullish()
  .transform((s) => (s === undefined || s === null ? null : s * 1000));

export const lifecycleMsg = z
  .object({
    market_ticker: z.string().min(1),
    event_type: z.enum([
      "created",
      "activated",
      "deactivated",
      "close_date_updated",
      "determined",
      "settled",
      "price_level_structure_updated",
      "metadata_updated",
    ]),
    open_ts: secondsOrNull,
    close_ts: secondsOrNull,
    determination_ts: secondsOrNull,
    settled_ts: secondsOrNull,
    result: z.string().nullish(),
    settlement_value: optionalMoney,
    is_deactivated: z.boolean().nullish(),
    price_level_structure: z.string().nullish(),
    price_ranges: z.array(priceRangeSchema).nullish(),
  })
  .transform(
    (m): LifecycleUpdate => ({
      ticker: m.market_ticker,
      eventType: m.event_type,
      openTime: m.open_ts,
      closeTime: m.close_ts,
      determinationTime: m.determination_ts,
      settledTime: m.settled_ts,
      result: m.result ?? null,
      settlementValue: m.settlement_value as Micros | null,
      isDeactivated: m.is_deactivated ?? null,
      priceLevelStructure: m.price_level_structure ?? null,
      priceRanges: m.price_ranges ?? null,
    }),
  );
