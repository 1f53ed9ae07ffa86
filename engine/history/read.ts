/**
 * Reading imported history back: `readHistory(dir)` yields every market's observations merged into
 * one time-ordered stream (ties by ticker), ready for a backtest's market source. Every line is
 * checked against the format; a bad one is an error naming the file and line, never skipped.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  HISTORY_FORMAT,
  type HistoryMarket,
  type HistoryObservation,
  type HistoryTrade,
  headerLineSchema,
  MARKETS_DIR,
  observationLineSchema,
  tradeLineSchema,
} from "./format.ts";

export class HistoryFormatError extends Error {
  override readonly name = "HistoryFormatError";
}

export interface HistoryFile {
  market: HistoryMarket;
  observations: HistoryObservation[];
  trades: HistoryTrade[];
}

export function readMarketFile(path: string): HistoryFile {
  const lines = readFileSync(path, "utf8").split("\n");
  let market: HistoryMarket | null = null;
  const observations: HistoryObservation[] = [];
  const trades: HistoryTrade[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === "") return;
    const where = `${path}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new HistoryFormatError(`${where}: not JSON (${(error as Error).message})`);
    }
    if (i === 0) {
      const header = headerLineSchema.safeParse(value);
      if (!header.success)
        throw new HistoryFormatError(
          `${where}: expected a ${HISTORY_FORMAT} header: ${header.error.issues[0]?.message}`,
        );
      market = header.data.market;
      return;
    }
    const line = value as Record<string, unknown>;
    const parsed =
      "trade" in line ? tradeLineSchema.safeParse(value) : observationLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HistoryFormatError(`${where}: ${issue?.path.join(".") || "(line)"}: ${issue?.message}`);
    }
    if ("trade" in parsed.data) trades.push(parsed.data.trade);
    else {
      if (parsed.data.data.ticker !== (market as HistoryMarket | null)?.ticker)
        throw new HistoryFormatError(
          `${where}: observation of ${parsed.data.data.ticker} in another market's file`,
        );
      observations.push(parsed.data);
    }
  });
  if (!market) throw new HistoryFormatError(`${path}: empty file`);
  return { market, observations, trades };
}

/** The market files of an import directory, in name order. */
export function historyFiles(dir: string): string[] {
  const markets = join(dir, MARKETS_DIR);
  if (!existsSync(markets))
    throw new HistoryFormatError(`${dir} holds no imported history (no ${MARKETS_DIR}/ folder)`);
  return readdirSync(markets)
    .filter((n) => n.endsWith(".jsonl"))
    .sort()
    .map((n) => join(markets, n));
}

/** Every market's header, in ticker order. */
export function readHistoryMarkets(dir: string): HistoryMarket[] {
  return historyFiles(dir).map((f) => readMarketFile(f).market);
}

/**
 * All observations of an import in time order (then by ticker), prices in integer micros.
 * Holds the whole import in memory while merging: fine for the millions of rows a backtest uses.
 */
export async function* readHistory(dir: string): AsyncGenerator<HistoryObservation, void, undefined> {
  const all: HistoryObservation[] = [];
  for (const file of historyFiles(dir)) for (const o of readMarketFile(file).observations) all.push(o);
  all.sort(
    (a, b) => a.at - b.at || (a.data.ticker < b.data.ticker ? -1 : a.data.ticker > b.data.ticker ? 1 : 0),
  );
  yield* all;
}
