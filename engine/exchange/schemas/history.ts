/**
 * Trades (live and historical), candlesticks (live: *_dollars / *_fp names; historical: bare
 * names with the same fixed-point strings), the historical cutoff. Names follow the SDK models
 * Trade, MarketCandlestick(Historical), BidAskDistribution(Historical), PriceDistribution(Historical).
 */
import { z } from "zod";
import type { Candlestick, Trade } from "../types.ts";
import {
  bookSide,
  count,
  cursor,
  optionalPrice,
  optionalTime,
  price,
  side,
  time,
  unixSeconds,
} from "./primitives.ts";

export const tradeSchema = z
  .object({
    trade_id: z.string().min(1),
    ticker: z.string().min(1),
    count_fp: count,
    yes_price_dollars: price,
    no_price_dollars: price,
    taker_outcome_side: side,
    taker_book_side: bookSide,
    created_time: time,
    is_block_trade: z.boolean().optional(),
  })
  .transform(
    (t): Trade => ({
      tradeId: t.trade_id,
      ticker: t.ticker,
      count: t.count_fp,
      yesPrice: t.yes_price_dollars,
      noPrice: t.no_price_dollars,
      takerOutcomeSide: t.taker_outcome_side,
      takerBookSide: t.taker_book_side,
      createdTime: t.created_time,
      isBlockTrade: t.is_block_trade ?? false,
    }),
  );

export const getTradesResponse = z
  .object({ trades: z.array(tradeSchema), cursor })
  .transform((r) => ({ items: r.trades, cursor: r.cursor }));

const liveOhlc = z
  .object({
    open_dollars: optionalPrice,
    low_dollars: optionalPrice,
    high_dollars: optionalPrice,
    close_dollars: optionalPrice,
  })
  .transform((o) => ({
    open: o.open_dollars,
    low: o.low_dollars,
    high: o.high_dollars,
    close: o.close_dollars,
  }));

const livePrice = z
  .object({
    open_dollars: optionalPrice,
    low_dollars: optionalPrice,
    high_dollars: optionalPrice,
    close_dollars: optionalPrice,
    mean_dollars: optionalPrice,
    previous_dollars: optionalPrice,
  })
  .transform((o) => ({
    open: o.open_dollars,
    low: o.low_dollars,
    high: o.high_dollars,
    close: o.close_dollars,
    mean: o.mean_dollars,
    previous: o.previous_dollars,
  }));

export const liveCandlestickSchema = z
  .object({
    end_period_ts: unixSeconds,
    yes_bid: liveOhlc,
    yes_ask: liveOhlc,
    price: livePrice,
    volume_fp: count,
    open_interest_fp: count,
  })
  .transform(
    (c): Candlestick => ({
      endPeriodTime: c.end_period_ts,
      yesBid: c.yes_bid,
      yesAsk: c.yes_ask,
      price: c.price,
      volume: c.volume_fp,
      openInterest: c.open_interest_fp,
    }),
  );

const historicalOhlc = z.object({
  open: optionalPrice,
  low: optionalPrice,
  high: optionalPrice,
  close: optionalPrice,
});

const historicalPrice = historicalOhlc.extend({ mean: optionalPrice, previous: optionalPrice });

export const historicalCandlestickSchema = z
  .object({
    end_period_ts: unixSeconds,
    yes_bid: historicalOhlc,
    yes_ask: historicalOhlc,
    price: historicalPrice,
    volume: count,
    open_interest: count,
  })
  .transform(
    (c): Candlestick => ({
      endPeriodTime: c.end_period_ts,
      yesBid: c.yes_bid,
      yesAsk: c.yes_ask,
      price: c.price,
      volume: c.volume,
      openInterest: c.open_interest,
    }),
  );

export const getLiveCandlesticksResponse = z
  .object({ ticker: z.string().optional(), candlesticks: z.array(liveCandlestickSchema) })
  .transform((r) => r.candlesticks);

export const getHistoricalCandlesticksResponse = z
  .object({ ticker: z.string().optional(), candlesticks: z.array(historicalCandlestickSchema) })
  .transform((r) => r.candlesticks);

export const historicalCutoffResponse = z
  .object({
    market_settled_ts: optionalTime,
    trades_created_ts: optionalTime,
    orders_updated_ts: optionalTime,
  })
  .transform((c) => ({
    marketSettled: c.market_settled_ts,
    tradesCreated: c.trades_created_ts,
    ordersUpdated: c.orders_updated_ts,
  }));
