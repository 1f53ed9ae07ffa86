/** Candles in the live (`*_dollars`) and historical (bare field names) SDK shapes. */
import { count, dollars } from "../../core/format.ts";
import type { Candle, Ohlc } from "../../exchange/candles.ts";

const liveOhlc = (o: Ohlc) => ({
  open_dollars: dollars(o.open),
  low_dollars: dollars(o.low),
  high_dollars: dollars(o.high),
  close_dollars: dollars(o.close),
});

export function liveCandleJson(c: Candle): Record<string, unknown> {
  const previous = c.previous === null ? null : dollars(c.previous);
  return {
    end_period_ts: c.endPeriodTs,
    yes_bid: liveOhlc(c.yesBid),
    yes_ask: liveOhlc(c.yesAsk),
    price: c.price
      ? {
          ...liveOhlc(c.price),
          mean_dollars: dollars(c.price.mean),
          previous_dollars: previous,
          min_dollars: dollars(c.price.low),
          max_dollars: dollars(c.price.high),
        }
      : {
          open_dollars: null,
          low_dollars: null,
          high_dollars: null,
          close_dollars: null,
          mean_dollars: null,
          previous_dollars: previous,
        },
    volume_fp: count(c.volume),
    open_interest_fp: count(c.openInterest),
  };
}

const histOhlc = (o: Ohlc) => ({
  open: dollars(o.open),
  low: dollars(o.low),
  high: dollars(o.high),
  close: dollars(o.close),
});

export function historicalCandleJson(c: Candle): Record<string, unknown> {
  const previous = c.previous === null ? null : dollars(c.previous);
  return {
    end_period_ts: c.endPeriodTs,
    yes_bid: histOhlc(c.yesBid),
    yes_ask: histOhlc(c.yesAsk),
    price: c.price
      ? { ...histOhlc(c.price), mean: dollars(c.price.mean), previous }
      : { open: null, low: null, high: null, close: null, mean: null, previous },
    volume: count(c.volume),
    open_interest: count(c.openInterest),
  };
}
