/**
 * Portfolio: balance, positions, fills, settlements. Field names follow the SDK's
 * GetBalanceResponse, MarketPosition, Fill and Settlement models.
 */
import { z } from "zod";
import type { Micros } from "../../money/money.ts";
import type { Balance, Fill, Position, Settlement } from "../types.ts";
import {
  action,
  bookSide,
  cents,
  count,
  cursor,
  money,
  optionalTime,
  price,
  side,
  signedCount,
  time,
} from "./primitives.ts";

/**
 * `updated_ts` is documented only as a "Unix timestamp". Values below 10^11 cannot be
 * milliseconds of any date after 1973, so they are read as seconds.
 */
const unixTs = z
  .number()
  .int()
  .nonnegative()
  .transform((n) => (n < 1e11 ? n * 1000 : n));

export const getBalanceResponse = z
  .object({
    balance_dollars: money,
    portfolio_value: cents,
    updated_ts: unixTs,
  })
  .transform(
    (b): Balance => ({
      balance: b.balance_dollars,
      portfolioValue: b.portfolio_value,
      updatedTime: b.updated_ts,
    }),
  );

/** `last_updated_ts` is a string in the SDK model: RFC 3339 or, defensively, unix digits. */
const looseTime = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx): number | null => {
    if (v === undefined || v === null || v === "") return null;
    if (typeof v === "number" || /^\d+$/.test(v)) {
      const n = Number(v);
      return n < 1e11 ? n * 1000 : n;
    }
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is not a timestamp`, input: v });
      return z.NEVER;
    }
    return ms;
  });

export const positionSchema = z
  .object({
    ticker: z.string().min(1),
    position_fp: signedCount,
    market_exposure_dollars: money,
    realized_pnl_dollars: money,
    fees_paid_dollars: money,
    total_traded_dollars: money,
    last_updated_ts: looseTime,
  })
  .transform(
    (p): Position => ({
      ticker: p.ticker,
      position: p.position_fp,
      marketExposure: p.market_exposure_dollars,
      realizedPnl: p.realized_pnl_dollars,
      feesPaid: p.fees_paid_dollars,
      totalTraded: p.total_traded_dollars,
      lastUpdatedTime: p.last_updated_ts,
    }),
  );

export const getPositionsResponse = z
  .object({ market_positions: z.array(positionSchema), cursor })
  .transform((r) => ({ items: r.market_positions, cursor: r.cursor }));

export const fillSchema = z
  .object({
    fill_id: z.string().min(1),
    trade_id: z.string(),
    order_id: z.string(),
    ticker: z.string().optional(),
    market_ticker: z.string().optional(),
    outcome_side: side,
    book_side: bookSide,
    action: action.optional(),
    count_fp: count,
    yes_price_dollars: price,
    no_price_dollars: price,
    is_taker: z.boolean(),
    fee_cost: money,
    created_time: optionalTime,
    ts: z.number().int().optional(),
  })
  .refine((f) => Boolean(f.ticker || f.market_ticker), { message: "fill has no ticker", path: ["ticker"] })
  .transform(
    (f): Fill => ({
      fillId: f.fill_id,
      tradeId: f.trade_id,
      orderId: f.order_id,
      ticker: f.ticker || f.market_ticker || "",
      outcomeSide: f.outcome_side,
      bookSide: f.book_side,
      action: f.action ?? null,
      count: f.count_fp,
      yesPrice: f.yes_price_dollars,
      noPrice: f.no_price_dollars,
      isTaker: f.is_taker,
      fee: f.fee_cost,
      time: f.created_time ?? (f.ts === undefined ? null : f.ts < 1e11 ? f.ts * 1000 : f.ts),
    }),
  );

export const getFillsResponse = z
  .object({ fills: z.array(fillSchema), cursor })
  .transform((r) => ({ items: r.fills, cursor: r.cursor }));

export const settlementSchema = z
  .object({
    ticker: z.string().min(1),
    event_ticker: z.string(),
    // The facts file lists "void" too; the SDK enum does not. Accept both rather than fail a
    // settlement sync on a voided market.
    market_result: z.enum(["yes", "no", "scalar", "void"]),
    yes_count_fp: count,
    yes_total_cost_dollars: money,
    no_count_fp: count,
    no_total_cost_dollars: money,
    /** Whole cents. */
    revenue: z.number().int(),
    settled_time: time,
    fee_cost: money,
  })
  .transform(
    (s): Settlement => ({
      ticker: s.ticker,
      eventTicker: s.event_ticker,
      marketResult: s.market_result,
      yesCount: s.yes_count_fp,
      yesTotalCost: s.yes_total_cost_dollars,
      noCount: s.no_count_fp,
      noTotalCost: s.no_total_cost_dollars,
      revenue: (s.revenue * 10_000) as Micros,
      fee: s.fee_cost,
      settledTime: s.settled_time,
    }),
  );

export const getSettlementsResponse = z
  .object({ settlements: z.array(settlementSchema), cursor })
  .transform((r) => ({ items: r.settlements, cursor: r.cursor }));
