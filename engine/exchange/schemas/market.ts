/**
 * GET /markets, GET /markets/{ticker}, GET /historical/markets(/{ticker}).
 * Field names follow the SDK's `Market` model. Only fields the engine reads are validated; the
 * rest are stripped. Fields the SDK marks required and we read are required here too: a market
 * without a close time or a quote is not something to trade on.
 */
import { z } from "zod";
import type { Market, MarketStatus } from "../types.ts";
import {
  count,
  cursor,
  money,
  optionalMoney,
  optionalTime,
  side as outcome,
  price,
  time,
} from "./primitives.ts";

export const MARKET_STATUSES = [
  "initialized",
  "inactive",
  "active",
  "closed",
  "determined",
  "disputed",
  "amended",
  "finalized",
] as const satisfies readonly MarketStatus[];

export const priceRangeSchema = z.object({ start: price, end: price, step: price });

const optionalNumber = z
  .number()
  .nullish()
  .transform((n) => n ?? null);

export const marketSchema = z
  .object({
    ticker: z.string().min(1),
    event_ticker: z.string(),
    market_type: z.string(),
    title: z.string().optional(),
    subtitle: z.string().optional(),
    yes_sub_title: z.string(),
    no_sub_title: z.string(),
    created_time: time,
    updated_time: time,
    open_time: time,
    close_time: time,
    expected_expiration_time: optionalTime,
    latest_expiration_time: time,
    status: z.enum(MARKET_STATUSES),
    yes_bid_dollars: price,
    yes_bid_size_fp: count,
    yes_ask_dollars: price,
    yes_ask_size_fp: count,
    no_bid_dollars: price,
    no_ask_dollars: price,
    last_price_dollars: price,
    volume_fp: count,
    volume_24h_fp: count,
    result: z.union([outcome, z.literal("scalar"), z.literal("")]),
    can_close_early: z.boolean(),
    open_interest_fp: count,
    notional_value_dollars: money,
    settlement_value_dollars: optionalMoney,
    settlement_ts: optionalTime,
    rules_primary: z.string(),
    strike_type: z.string().nullish(),
    floor_strike: optionalNumber,
    cap_strike: optionalNumber,
    price_level_structure: z.string(),
    price_ranges: z.array(priceRangeSchema),
  })
  .transform(
    (m): Market => ({
      ticker: m.ticker,
      eventTicker: m.event_ticker,
      marketType: m.market_type,
      title: m.title ?? "",
      subtitle: m.subtitle ?? "",
      yesSubTitle: m.yes_sub_title,
      noSubTitle: m.no_sub_title,
      status: m.status,
      createdTime: m.created_time,
      updatedTime: m.updated_time,
      openTime: m.open_time,
      closeTime: m.close_time,
      expectedExpirationTime: m.expected_expiration_time,
      latestExpirationTime: m.latest_expiration_time,
      yesBid: m.yes_bid_dollars,
      yesBidSize: m.yes_bid_size_fp,
      yesAsk: m.yes_ask_dollars,
      yesAskSize: m.yes_ask_size_fp,
      noBid: m.no_bid_dollars,
      noAsk: m.no_ask_dollars,
      lastPrice: m.last_price_dollars,
      volume: m.volume_fp,
      volume24h: m.volume_24h_fp,
      openInterest: m.open_interest_fp,
      notionalValue: m.notional_value_dollars,
      result: m.result,
      canCloseEarly: m.can_close_early,
      settlementValue: m.settlement_value_dollars,
      settlementTime: m.settlement_ts,
      priceLevelStructure: m.price_level_structure,
      priceRanges: m.price_ranges,
      rulesPrimary: m.rules_primary,
      strikeType: m.strike_type ?? null,
      floorStrike: m.floor_strike,
      capStrike: m.cap_strike,
    }),
  );

export const getMarketsResponse = z
  .object({ markets: z.array(marketSchema), cursor })
  .transform((r) => ({ markets: r.markets, cursor: r.cursor }));

export const getMarketResponse = z.object({ market: marketSchema }).transform((r) => r.market);
