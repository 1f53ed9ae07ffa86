/** Events, series, exchange status and account limits. */
import { notFound } from "../../exchange/errors.ts";
import type { Exchange } from "../../exchange/exchange.ts";
import { statusAt } from "../../market/lifecycle.ts";
import type { EventDef, MarketState } from "../../market/types.ts";
import { DEFAULT_COST, ENDPOINT_COSTS } from "../../ratelimit/costs.ts";
import type { RateLimiter } from "../../ratelimit/limiter.ts";
import { tierLimits } from "../../ratelimit/tiers.ts";
import {
  boolParam,
  cursorIndex,
  encodeCursor,
  enumParam,
  intParam,
  limitParam,
  listParam,
  strParam,
} from "../params.ts";
import type { Route } from "../router.ts";
import { eventJson, seriesJson } from "../serialize/catalog.ts";
import { marketJson } from "../serialize/market.ts";

type EventStatus = "unopened" | "open" | "closed" | "settled";

function eventMarkets(ex: Exchange, e: EventDef): MarketState[] {
  return e.markets.map((i) => ex.catalog.markets[i]).filter((m): m is MarketState => m !== undefined);
}

function eventStatus(ex: Exchange, e: EventDef): EventStatus {
  const statuses = eventMarkets(ex, e).map((m) => statusAt(m, ex.t));
  if (statuses.includes("active")) return "open";
  if (statuses.every((s) => s === "initialized")) return "unopened";
  if (statuses.every((s) => s === "finalized")) return "settled";
  return "closed";
}

/** Nested markets leave out those archived behind the historical cutoff, as Kalshi does. */
const liveMarketsJson = (ex: Exchange, e: EventDef) =>
  eventMarkets(ex, e)
    .filter((m) => !ex.isHistorical(m))
    .map((m) => marketJson(ex, m));

export function catalogRoutes(ex: Exchange, limiter: RateLimiter): Route[] {
  return [
    {
      method: "GET",
      pattern: "/events",
      auth: false,
      handler: (c) => {
        const limit = limitParam(c.query, 200, 200);
        const nested = boolParam(c.query, "with_nested_markets") === true;
        const status = enumParam(c.query, "status", ["unopened", "open", "closed", "settled"] as const);
        const seriesTicker = strParam(c.query, "series_ticker");
        const tickers = listParam(c.query, "tickers");
        const minClose = intParam(c.query, "min_close_ts");
        const series = seriesTicker ? ex.catalog.seriesByTicker.get(seriesTicker) : undefined;
        if (seriesTicker && !series) return { events: [], cursor: "" };
        const source = tickers
          ? tickers
              .map((t) => ex.catalog.eventByTicker.get(t)?.index)
              .filter((i): i is number => i !== undefined)
              .sort((a, b) => a - b)
          : series
            ? series.events
            : undefined;
        const length = source ? source.length : ex.catalog.events.length;
        const out: unknown[] = [];
        let i = cursorIndex(c.query);
        for (; i < length; i++) {
          const e = ex.catalog.events[source ? (source[i] ?? -1) : i];
          if (!e) continue;
          if (series && e.seriesIndex !== series.index) continue;
          if (status && eventStatus(ex, e) !== status) continue;
          if (minClose !== undefined && !eventMarkets(ex, e).some((m) => m.closeTime / 1000 > minClose))
            continue;
          if (out.length === limit) break;
          out.push(eventJson(ex, e, nested ? liveMarketsJson(ex, e) : undefined));
        }
        return { events: out, cursor: i < length ? encodeCursor(String(i)) : "" };
      },
    },
    {
      method: "GET",
      pattern: "/events/{event_ticker}",
      auth: false,
      handler: (c) => {
        const e = ex.catalog.eventByTicker.get(c.params.event_ticker ?? "");
        if (!e) throw notFound("event");
        const markets = liveMarketsJson(ex, e);
        const nested = boolParam(c.query, "with_nested_markets") === true;
        return { event: eventJson(ex, e, nested ? markets : undefined), markets };
      },
    },
    {
      method: "GET",
      pattern: "/series",
      auth: false,
      handler: (c) => {
        const category = strParam(c.query, "category");
        const tags = listParam(c.query, "tags");
        const volume = boolParam(c.query, "include_volume") === true;
        const list = ex.catalog.series.filter(
          (s) => (!category || s.category === category) && (!tags || tags.some((t) => s.tags.includes(t))),
        );
        return { series: list.map((s) => seriesJson(ex, s, volume)) };
      },
    },
    {
      method: "GET",
      pattern: "/series/{series_ticker}",
      auth: false,
      handler: (c) => {
        const s = ex.catalog.seriesByTicker.get(c.params.series_ticker ?? "");
        if (!s) throw notFound("series");
        return { series: seriesJson(ex, s, boolParam(c.query, "include_volume") === true) };
      },
    },
    {
      method: "GET",
      pattern: "/exchange/status",
      auth: false,
      handler: () => ({ exchange_active: true, trading_active: ex.tradingActive }),
    },
    {
      method: "GET",
      pattern: "/account/limits",
      auth: true,
      handler: () => {
        const l = tierLimits(limiter.tier);
        return {
          usage_tier: limiter.tier,
          read: { refill_rate: l.read.refillRate, bucket_capacity: l.read.capacity },
          write: { refill_rate: l.write.refillRate, bucket_capacity: l.write.capacity },
          grants: [],
        };
      },
    },
    {
      method: "GET",
      pattern: "/account/endpoint_costs",
      auth: false,
      handler: () => ({
        default_cost: DEFAULT_COST,
        endpoint_costs: ENDPOINT_COSTS.map((e) => ({ method: e.method, path: e.path, cost: e.cost })),
      }),
    },
  ];
}
