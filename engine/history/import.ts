/**
 * `import-history`: settled Kalshi markets through the historical endpoints — the market list
 * (GET /historical/markets), each market's candlesticks (GET /historical/markets/{t}/candlesticks)
 * and trades (GET /historical/trades) — written in the format of format.ts.
 *
 * Requests go through the ExchangeClient, so the account tier's rate limits (rate-limit.ts token
 * buckets), retries with backoff and 429 handling are the engine's own. Resumable: a market's file
 * is written whole or not at all (store.ts), the listing is deterministic, and a rerun skips every
 * market already on disk, so an interrupted import continues where it stopped, without duplicates.
 */
import type { ExchangeClient } from "../exchange/client.ts";
import type { Candlestick, Market, Trade } from "../exchange/types.ts";
import type { EventInfo } from "../market-data/observation.ts";
import { HISTORY_FORMAT } from "./format.ts";
import { buildObservations, type CandlePeriod, historyMarket, historyTrades } from "./observations.ts";
import {
  HistoryDirError,
  hasMarket,
  readCheckpoint,
  removePartials,
  writeCheckpoint,
  writeMarket,
} from "./store.ts";

export type HistoryClient = Pick<
  ExchangeClient,
  "historicalMarketPages" | "getHistoricalCandlesticks" | "historicalTradePages" | "getEvent"
>;

export interface ImportFilter {
  seriesTicker?: string;
  eventTicker?: string;
  tickers?: readonly string[];
}

export interface ImportOptions {
  dir: string;
  filter?: ImportFilter;
  /** Stop after this many markets (done before or now). */
  maxMarkets?: number;
  period?: CandlePeriod;
  /** Also keep every trade (default true). */
  trades?: boolean;
  /** Markets per listing page. */
  pageSize?: number;
  /** Aborting stops after the market in progress is dropped; a rerun resumes. */
  signal?: AbortSignal;
  onMarket?: (progress: { ticker: string; written: boolean; done: number }) => void;
}

export interface ImportResult {
  /** Markets written by this run. */
  written: number;
  /** Markets already on disk from an earlier run, skipped. */
  skipped: number;
  observations: number;
  trades: number;
  complete: boolean;
}

/** Candles per request, under Kalshi's cap of 5,000 (an end-inclusive window can hold one more). */
const CANDLES_PER_REQUEST = 4_900;

export class ImportInterrupted extends Error {
  override readonly name = "ImportInterrupted";
}

function optionsKey(o: ImportOptions) {
  return {
    source: "http",
    series: o.filter?.seriesTicker ?? null,
    event: o.filter?.eventTicker ?? null,
    tickers: o.filter?.tickers?.join(",") ?? null,
    maxMarkets: o.maxMarkets ?? null,
    period: o.period ?? 60,
    trades: o.trades !== false,
  };
}

/** Opens (or resumes) an import directory with these options. */
export function prepareDir(dir: string, options: Record<string, string | number | boolean | null>) {
  removePartials(dir);
  const checkpoint = readCheckpoint(dir);
  if (checkpoint && JSON.stringify(checkpoint.options) !== JSON.stringify(options)) {
    throw new HistoryDirError(
      `${dir} holds an import made with other options (${JSON.stringify(checkpoint.options)}); resume with the same options or use another directory`,
    );
  }
  return checkpoint;
}

async function candlesOf(client: HistoryClient, m: Market, period: CandlePeriod, signal?: AbortSignal) {
  const periodMs = period * 60_000;
  const end = m.settlementTime !== null ? Math.max(m.closeTime, m.settlementTime) : m.closeTime;
  const out: Candlestick[] = [];
  for (let start = m.openTime; start <= end; start += CANDLES_PER_REQUEST * periodMs) {
    if (signal?.aborted) throw new ImportInterrupted("interrupted");
    const until = Math.min(end, start + CANDLES_PER_REQUEST * periodMs - 1);
    out.push(...(await client.getHistoricalCandlesticks({ ticker: m.ticker, start, end: until, period })));
  }
  return out;
}

async function tradesOf(client: HistoryClient, ticker: string, signal?: AbortSignal): Promise<Trade[]> {
  const out: Trade[] = [];
  for await (const page of client.historicalTradePages({ ticker, limit: 1000 })) {
    if (signal?.aborted) throw new ImportInterrupted("interrupted");
    out.push(...page.items);
  }
  return out;
}

export async function importHistory(client: HistoryClient, options: ImportOptions): Promise<ImportResult> {
  const key = optionsKey(options);
  const checkpoint = prepareDir(options.dir, key);
  const result: ImportResult = { written: 0, skipped: 0, observations: 0, trades: 0, complete: false };
  if (checkpoint?.complete) return { ...result, skipped: checkpoint.marketsDone, complete: true };
  const period = options.period ?? 60;
  const events = new Map<string, EventInfo | undefined>();
  const save = (complete: boolean) =>
    writeCheckpoint(options.dir, {
      format: HISTORY_FORMAT,
      options: key,
      marketsDone: result.written + result.skipped,
      complete,
    });
  save(false);
  const max = options.maxMarkets ?? Number.POSITIVE_INFINITY;
  const pages = client.historicalMarketPages({ ...options.filter, limit: options.pageSize ?? 100 });
  try {
    for await (const page of pages) {
      for (const m of page.items) {
        if (result.written + result.skipped >= max) {
          result.complete = true;
          break;
        }
        if (options.signal?.aborted) return result;
        if (hasMarket(options.dir, m.ticker)) {
          result.skipped++;
          options.onMarket?.({ ticker: m.ticker, written: false, done: result.written + result.skipped });
          continue;
        }
        if (!events.has(m.eventTicker)) {
          // Market objects carry no series or category; events do. Unknown: the ticker's prefix.
          events.set(
            m.eventTicker,
            await client.getEvent(m.eventTicker).then(
              (e) => ({ seriesTicker: e.seriesTicker, category: e.category }),
              () => undefined,
            ),
          );
        }
        let candles: Candlestick[];
        let trades: Trade[];
        try {
          candles = await candlesOf(client, m, period, options.signal);
          trades = options.trades === false ? [] : await tradesOf(client, m.ticker, options.signal);
        } catch (error) {
          if (error instanceof ImportInterrupted) return result;
          throw error;
        }
        const info = events.get(m.eventTicker);
        const observations = buildObservations(m, info, candles);
        const kept = historyTrades(trades);
        writeMarket(options.dir, historyMarket(m, info, period), observations, kept);
        result.written++;
        result.observations += observations.length;
        result.trades += kept.length;
        save(false);
        options.onMarket?.({ ticker: m.ticker, written: true, done: result.written + result.skipped });
      }
      if (result.complete) break;
    }
    result.complete = true;
    return result;
  } finally {
    save(result.complete);
    await pages.return(undefined);
  }
}
