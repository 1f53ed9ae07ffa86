import { randomUUID } from "node:crypto";
import { seededRandom } from "../../engine/time/random.ts";
import { catalog, type EventInput } from "../../events/catalog/index.ts";
import { encodeData } from "../../events/codec.ts";
import type { EventMetadata, NewEvent } from "../../events/store/types.ts";

/**
 * Realistic MarketObserved events: Kalshi-shaped tickers, near-certain prices in micros, sizes in
 * centis, a rules paragraph, and full metadata. Payload size drives JSON and jsonb costs, so a toy
 * `{ n: 1 }` would flatter every store; these come out around 1 KB of JSON each.
 */

const CITIES = ["NY", "CHI", "MIA", "AUS", "DEN", "LAX", "PHIL", "SEA", "SFO", "DC"] as const;
const CATEGORIES = ["Climate and Weather", "Economics", "Financials", "Politics", "Sports"] as const;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const BASE_TIME = Date.parse("2026-06-01T13:00:00Z");
const MINUTE = 60_000;

interface Market {
  ticker: string;
  eventTicker: string;
  seriesTicker: string;
  title: string;
  subtitle: string;
  category: string;
  closeTime: string;
  rules: string;
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;

/** Market number i, always the same one: 20,000 distinct tickers spread over series and dates. */
export function market(i: number): Market {
  const city = pick(CITIES, i);
  const day = 1 + (Math.floor(i / CITIES.length) % 28);
  const month = pick(MONTHS, Math.floor(i / (CITIES.length * 28)));
  const strike = 40 + (i % 61);
  const seriesTicker = `KXHIGH${city}`;
  const eventTicker = `${seriesTicker}-26${month}${String(day).padStart(2, "0")}`;
  // The serial keeps tickers unique past the calendar's 3,360 combinations.
  const ticker = `${eventTicker}-T${strike}-${i.toString(36).toUpperCase()}`;
  return {
    ticker,
    eventTicker,
    seriesTicker,
    title: `Will the high temperature in ${city} be above ${strike}° on ${month} ${day}, 2026?`,
    subtitle: `${strike + 1}° or above`,
    category: pick(CATEGORIES, i),
    closeTime: new Date(BASE_TIME + ((i % 28) + 1) * 24 * 60 * MINUTE).toISOString(),
    rules:
      `If the highest temperature recorded in ${city} for ${month} ${day}, 2026 as reported by the National ` +
      `Weather Service's Daily Climate Report is greater than ${strike}°, then the market resolves to Yes. ` +
      "Outcome verified from the NWS Climatological Report (Daily). Revisions after expiration are not considered.",
  };
}

/** Observation k of market i: a random walk near certainty, reproducible from (i, k). */
export function observation(i: number, k: number): EventInput<"MarketObserved"> {
  const m = market(i);
  const rnd = seededRandom(i * 7_919 + k * 104_729 + 1);
  const cents = Math.min(98, 88 + Math.floor(rnd.next() * 10) + Math.floor(k / 10));
  const yesBid = cents * 10_000;
  const yesAsk = yesBid + 10_000;
  return {
    ...m,
    status: "active",
    yesBid,
    yesAsk,
    noBid: 1_000_000 - yesAsk,
    noAsk: 1_000_000 - yesBid,
    yesBidSize: 100 * Math.floor(100 + rnd.next() * 5_000),
    yesAskSize: 100 * Math.floor(100 + rnd.next() * 5_000),
    lastPrice: rnd.next() < 0.5 ? yesBid : yesAsk,
    volume: 100 * (1_000 + k * 137 + Math.floor(rnd.next() * 500)),
    openInterest: 100 * (800 + k * 61),
    result: "",
    canCloseEarly: true,
  };
}

export function metadata(k: number, correlationId: string): EventMetadata {
  return {
    correlationId,
    causationId: null,
    actor: "engine",
    // One scan every five minutes: observation k of every market happened in scan k.
    occurredAt: new Date(BASE_TIME + k * 5 * MINUTE).toISOString(),
    accountId: "bench-account",
  };
}

/**
 * Observations [from, from + count) of market i, validated against the catalog schema the way the
 * typed EventStore does before appending, so what is stored would also decode.
 */
export function marketEvents(i: number, from: number, count: number): NewEvent[] {
  const correlationId = randomUUID();
  const out: NewEvent[] = [];
  for (let k = from; k < from + count; k++) {
    const id = randomUUID();
    out.push({
      id,
      type: "MarketObserved",
      version: catalog.MarketObserved.version,
      data: encodeData("MarketObserved", observation(i, k), id),
      metadata: metadata(k, correlationId),
    });
  }
  return out;
}

export const streamOf = (i: number): string => `market-${market(i).ticker}`;

/**
 * One page of a catalog sync: observation k of markets [first, first + count), as the engine would
 * append after fetching a page of up to 1,000 markets. Pages of successive scans interleave every
 * market in the log, the hard (and realistic) case for a projection keyed by ticker.
 */
export function scanPageEvents(first: number, count: number, k: number): NewEvent[] {
  const correlationId = randomUUID();
  const meta = metadata(k, correlationId);
  const out: NewEvent[] = [];
  for (let i = first; i < first + count; i++) {
    const id = randomUUID();
    out.push({
      id,
      type: "MarketObserved",
      version: catalog.MarketObserved.version,
      data: encodeData("MarketObserved", observation(i, k), id),
      metadata: meta,
    });
  }
  return out;
}
