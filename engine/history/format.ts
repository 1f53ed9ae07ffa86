/**
 * The on-disk format of imported Kalshi history (see README.md): one JSON-lines file per market,
 * `markets/<encoded ticker>.jsonl`. Line 1 describes the market; every other line is either an
 * observation — exactly a MarketObserved event's data and the instant it held — or a trade.
 * Amounts are integer micros, counts hundredths of a contract, instants epoch milliseconds.
 */
import { z } from "zod";
import type { EventData } from "../../events/catalog/index.ts";
import { MarketObserved } from "../../events/catalog/market-observed.ts";

export const HISTORY_FORMAT = "conviction-history/1";

const int = z.number().int().safe();

export const historyMarketSchema = z.object({
  ticker: z.string().min(1),
  eventTicker: z.string(),
  seriesTicker: z.string(),
  category: z.string(),
  title: z.string(),
  openTime: int,
  closeTime: int,
  /** When the exchange settled it (null: not reported). */
  settlementTime: int.nullable(),
  result: z.enum(["yes", "no", "scalar", "void", ""]),
  /** What one YES contract paid, in micros (null: not reported). */
  settlementValue: int.nullable(),
  /** Candle period the observations were built from, in minutes. */
  periodMinutes: z.union([z.literal(1), z.literal(60), z.literal(1440)]),
});
export type HistoryMarket = z.infer<typeof historyMarketSchema>;

export const headerLineSchema = z.object({ format: z.literal(HISTORY_FORMAT), market: historyMarketSchema });

/** The shape a backtest's market source takes (engine/backtest/sources/types.ts Observation). */
export interface HistoryObservation {
  /** Epoch ms the observation held from. */
  at: number;
  data: EventData<"MarketObserved">;
}

export const observationLineSchema = z.object({ at: int, data: MarketObserved.schema });

export const historyTradeSchema = z.object({
  tradeId: z.string(),
  at: int,
  /** YES price of the trade, micros. */
  yesPrice: int,
  count: int,
  takerSide: z.enum(["yes", "no"]),
});
export type HistoryTrade = z.infer<typeof historyTradeSchema>;
export const tradeLineSchema = z.object({ trade: historyTradeSchema });

/** File name of a market: tickers may hold characters a file system dislikes. */
export const marketFileName = (ticker: string): string => `${encodeURIComponent(ticker)}.jsonl`;
export const MARKETS_DIR = "markets";
export const CHECKPOINT_FILE = "checkpoint.json";
