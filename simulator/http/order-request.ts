/**
 * CreateOrderV2Request validation (zod). Prices are dollar strings with 2–4 decimals and counts
 * contract strings with 0–2 decimals, as Kalshi documents for requests; anything else is a 400.
 */
import { z } from "zod";
import { type Centis, type Micros, parseCount, parseDollars } from "../../engine/money/money.ts";
import { ApiError } from "../exchange/errors.ts";
import type { OrderRequest } from "../exchange/trading.ts";

const PRICE = /^\d+\.\d{2,4}$/;
const COUNT = /^\d+(\.\d{1,2})?$/;

export const CreateOrderV2Schema = z.object({
  ticker: z.string().min(1),
  client_order_id: z.string().min(1).max(128).optional(),
  side: z.enum(["bid", "ask"]),
  count: z.string().regex(COUNT, "count must be a contract count string with at most 2 decimals"),
  price: z.string().regex(PRICE, "price must be a dollar string with 2 to 4 decimals"),
  expiration_time: z.number().int().positive().optional(),
  time_in_force: z.enum(["fill_or_kill", "good_till_canceled", "immediate_or_cancel"]),
  post_only: z.boolean().optional(),
  self_trade_prevention_type: z.enum(["taker_at_cross", "maker"]),
  cancel_order_on_pause: z.boolean().optional(),
  reduce_only: z.boolean().optional(),
  subaccount: z.number().int().optional(),
  order_group_id: z.string().optional(),
  exchange_index: z.number().int().optional(),
});

export function parseOrderRequest(body: unknown): OrderRequest {
  const parsed = CreateOrderV2Schema.safeParse(body);
  if (!parsed.success) throw new ApiError(400, "invalid_parameters", z.prettifyError(parsed.error));
  const r = parsed.data;
  if (r.subaccount !== undefined && r.subaccount !== 0)
    throw new ApiError(400, "invalid_parameters", "subaccounts are not simulated; use 0");
  if (r.order_group_id !== undefined)
    throw new ApiError(400, "invalid_parameters", "order groups are not simulated");
  if (r.exchange_index !== undefined && r.exchange_index !== 0 && r.exchange_index !== -1) {
    throw new ApiError(400, "invalid_parameters", "the simulator has a single exchange shard (0)");
  }
  const count = parseCount(r.count) as Centis;
  if (count <= 0) throw new ApiError(400, "invalid_parameters", "count must be positive");
  const price = parseDollars(r.price) as Micros;
  return {
    ticker: r.ticker,
    side: r.side,
    count,
    price,
    tif: r.time_in_force,
    stp: r.self_trade_prevention_type,
    postOnly: r.post_only ?? false,
    reduceOnly: r.reduce_only ?? false,
    cancelOnPause: r.cancel_order_on_pause ?? false,
    clientOrderId: r.client_order_id ?? "",
    expirationTime: r.expiration_time !== undefined ? r.expiration_time * 1000 : undefined,
  };
}
