/**
 * `import-history --from-files <dir>`: the same import from responses saved from the historical
 * endpoints (by curl, a browser, or an earlier tool), read with the very schemas the client
 * validates live responses with. Any *.json file under the directory is recognised by its shape:
 *   { markets: [...], cursor }   GET /historical/markets (or /markets) pages
 *   { market: {...} }            GET /historical/markets/{ticker}
 *   { ticker?, candlesticks }    GET /historical/markets/{ticker}/candlesticks (live shape too);
 *                                without a ticker field, the file must be named <ticker>.candlesticks.json
 *   { trades: [...], cursor }    GET /historical/trades pages
 *   { event: {...}, markets? }   GET /events/{event_ticker} (series and category; its markets are not read)
 * A file that matches none, or breaks its schema, is an error naming the file.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { z } from "zod";
import { getEventResponse } from "../exchange/schemas/exchange.ts";
import {
  getHistoricalCandlesticksResponse,
  getLiveCandlesticksResponse,
  getTradesResponse,
} from "../exchange/schemas/history.ts";
import { getMarketResponse, getMarketsResponse } from "../exchange/schemas/market.ts";
import type { Candlestick, Market, Trade } from "../exchange/types.ts";
import type { EventInfo } from "../market-data/observation.ts";
import { HISTORY_FORMAT } from "./format.ts";
import type { ImportResult } from "./import.ts";
import { prepareDir } from "./import.ts";
import { buildObservations, type CandlePeriod, historyMarket, historyTrades } from "./observations.ts";
import { HistoryFormatError } from "./read.ts";
import { hasMarket, writeCheckpoint, writeMarket } from "./store.ts";

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (name.endsWith(".json")) out.push(path);
  }
  return out;
}

function parse<S extends z.ZodType>(file: string, schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new HistoryFormatError(
    `${file}: not a valid ${what} response: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
  );
}

/** The period the candles were requested with: their spacing (1 minute, 1 hour or 1 day). */
function periodOf(candles: readonly Candlestick[], fallback: CandlePeriod): CandlePeriod {
  const times = candles.map((c) => c.endPeriodTime).sort((a, b) => a - b);
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++)
    step = Math.min(step, (times[i] as number) - (times[i - 1] as number));
  if (!Number.isFinite(step)) return fallback;
  return step >= 1_440 * 60_000 ? 1440 : step >= 60 * 60_000 ? 60 : 1;
}

export interface SavedResponses {
  markets: Map<string, Market>;
  candles: Map<string, Candlestick[]>;
  trades: Map<string, Trade[]>;
  events: Map<string, EventInfo>;
  files: number;
}

export function readSavedResponses(dir: string): SavedResponses {
  const saved: SavedResponses = {
    markets: new Map(),
    candles: new Map(),
    trades: new Map(),
    events: new Map(),
    files: 0,
  };
  for (const file of jsonFiles(dir)) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new HistoryFormatError(`${file}: not JSON (${(error as Error).message})`);
    }
    saved.files++;
    // An event response also lists its markets: it is read for the event (series, category) only.
    if (body.event && typeof body.event === "object") {
      const e = parse(file, getEventResponse, body, "event");
      saved.events.set(e.eventTicker, { seriesTicker: e.seriesTicker, category: e.category });
    } else if (Array.isArray(body.markets)) {
      for (const m of parse(file, getMarketsResponse, body, "market list").markets)
        saved.markets.set(m.ticker, m);
    } else if (body.market && typeof body.market === "object") {
      const m = parse(file, getMarketResponse, body, "market");
      saved.markets.set(m.ticker, m);
    } else if (Array.isArray(body.candlesticks)) {
      const named = basename(file).match(/^(.+)\.candlesticks(\..*)?\.json$/)?.[1];
      const ticker = typeof body.ticker === "string" ? body.ticker : named ? decodeURIComponent(named) : null;
      if (!ticker)
        throw new HistoryFormatError(
          `${file}: candlesticks without a ticker (name it <ticker>.candlesticks.json)`,
        );
      const first = (body.candlesticks as Record<string, unknown>[])[0];
      const live =
        first !== undefined &&
        typeof (first.yes_bid as Record<string, unknown> | undefined)?.close_dollars !== "undefined";
      const candles = live
        ? parse(file, getLiveCandlesticksResponse, body, "candlesticks")
        : parse(file, getHistoricalCandlesticksResponse, body, "candlesticks");
      saved.candles.set(ticker, [...(saved.candles.get(ticker) ?? []), ...candles]);
    } else if (Array.isArray(body.trades)) {
      for (const t of parse(file, getTradesResponse, body, "trades").items)
        saved.trades.set(t.ticker, [...(saved.trades.get(t.ticker) ?? []), t]);
    } else {
      throw new HistoryFormatError(
        `${file}: not a response of a historical endpoint (expected markets, market, candlesticks, trades or event)`,
      );
    }
  }
  return saved;
}

/** Writes every saved market (with its candles and trades) in the import format; skips those already there. */
export function importFromFiles(
  source: string,
  options: { dir: string; period?: CandlePeriod },
): ImportResult {
  const key = { source: "files", from: source };
  prepareDir(options.dir, key);
  const saved = readSavedResponses(source);
  const result: ImportResult = { written: 0, skipped: 0, observations: 0, trades: 0, complete: false };
  for (const m of [...saved.markets.values()].sort((a, b) => (a.ticker < b.ticker ? -1 : 1))) {
    if (hasMarket(options.dir, m.ticker)) {
      result.skipped++;
      continue;
    }
    const candles = saved.candles.get(m.ticker) ?? [];
    const info = saved.events.get(m.eventTicker);
    const observations = buildObservations(m, info, candles);
    const trades = historyTrades(saved.trades.get(m.ticker) ?? []);
    writeMarket(
      options.dir,
      historyMarket(m, info, periodOf(candles, options.period ?? 60)),
      observations,
      trades,
    );
    result.written++;
    result.observations += observations.length;
    result.trades += trades.length;
  }
  result.complete = true;
  writeCheckpoint(options.dir, {
    format: HISTORY_FORMAT,
    options: key,
    marketsDone: result.written + result.skipped,
    complete: true,
  });
  return result;
}
