/**
 * Orders: POST /portfolio/events/orders (V2 create), DELETE /portfolio/events/orders/{id},
 * GET /portfolio/orders(/{id}). Field names follow the SDK's Order, CreateOrderV2Response and
 * CancelOrderV2Response models.
 */
import { z } from "zod";
import type { CancelResult, Order } from "../types.ts";
import {
  bookSide,
  count,
  cursor,
  money,
  optionalMoney,
  optionalPrice,
  optionalTime,
  price,
  side,
} from "./primitives.ts";

export const orderSchema = z
  .object({
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    ticker: z.string().min(1),
    status: z.enum(["resting", "canceled", "executed"]),
    book_side: bookSide,
    outcome_side: side,
    yes_price_dollars: price,
    no_price_dollars: price,
    fill_count_fp: count,
    remaining_count_fp: count,
    initial_count_fp: count,
    taker_fill_cost_dollars: money,
    maker_fill_cost_dollars: money,
    taker_fees_dollars: money,
    maker_fees_dollars: money,
    created_time: optionalTime,
    last_update_time: optionalTime,
    expiration_time: optionalTime,
  })
  .transform(
    (o): Order => ({
      orderId: o.order_id,
      clientOrderId: o.client_order_id ?? "",
      ticker: o.ticker,
      status: o.status,
      bookSide: o.book_side,
      outcomeSide: o.outcome_side,
      yesPrice: o.yes_price_dollars,
      noPrice: o.no_price_dollars,
      fillCount: o.fill_count_fp,
      remainingCount: o.remaining_count_fp,
      initialCount: o.initial_count_fp,
      takerFillCost: o.taker_fill_cost_dollars,
      makerFillCost: o.maker_fill_cost_dollars,
      takerFees: o.taker_fees_dollars,
      makerFees: o.maker_fees_dollars,
      createdTime: o.created_time,
      lastUpdateTime: o.last_update_time,
      expirationTime: o.expiration_time,
    }),
  );

export const getOrderResponse = z.object({ order: orderSchema }).transform((r) => r.order);

export const getOrdersResponse = z
  .object({ orders: z.array(orderSchema), cursor })
  .transform((r) => ({ items: r.orders, cursor: r.cursor }));

export const createOrderV2Response = z
  .object({
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    fill_count: count,
    remaining_count: count,
    average_fill_price: optionalPrice,
    average_fee_paid: optionalMoney,
    ts_ms: z.number().int(),
  })
  .transform((r) => ({
    orderId: r.order_id,
    clientOrderId: r.client_order_id ?? null,
    fillCount: r.fill_count,
    remainingCount: r.remaining_count,
    averageFillPrice: r.average_fill_price,
    averageFee: r.average_fee_paid,
    time: r.ts_ms,
  }));

export const cancelOrderV2Response = z
  .object({
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    reduced_by: count,
    ts_ms: z.number().int(),
  })
  .transform(
    (r): CancelResult => ({
      orderId: r.order_id,
      clientOrderId: r.client_order_id ?? null,
      reducedBy: r.reduced_by,
      time: r.ts_ms,
    }),
  );
