/**
 * Tier 2 of the seed's scanner: the order book, for Tier-1 survivors only (a separate step so
 * the job fetches books — GET /markets/orderbooks, 100 at a time — just for them).
 *
 *   book confirms price  the book has an ask on our side within [MIN_ODDS, MAX_ODDS]. The cache
 *                        can be minutes old; the book is the authority, and the candidate's
 *                        price is the book's best ask.
 *   entry depth          dollars buyable on our side at ≤ MAX_ODDS ≥ MIN_LIQUIDITY
 *   exit depth           dollars sellable back into our side's bids now ≥ MIN_LIQUIDITY
 *
 * Depths are engine/exchange/liquidity.ts (gross notional, rounded down). Exit depth counts every
 * bid on our side, as that module defines it: what a sale could reach right now.
 *
 * Each candidate then gets its expected value per dollar after the taker fee (ev.ts), at the
 * market price and at the historical win rate for that price.
 */
import type { z } from "zod";
import type { scanCandidate } from "../../../events/catalog/candidates-scanned.ts";
import type { TradingConfig } from "../../config/config.ts";
import { bestAsk } from "../../exchange/book.ts";
import { entryDepth, exitDepth } from "../../exchange/liquidity.ts";
import type { OrderBook } from "../../exchange/types.ts";
import { type FeeSchedule, STANDARD_FEES } from "../../money/fees.ts";
import { exactDollars, usd } from "../../risk/format.ts";
import { evPerDollarAfterFees, marketEvPerDollar } from "./ev.ts";
import { DEFAULT_SAMPLE_SIZE, type StageCount, type StageSample } from "./stages.ts";
import type { Tier1Survivor } from "./tier1.ts";
import { historicalWinRate, type WinRateTable } from "./win-rate.ts";
import { KALSHI_WIN_RATE_BY_PRICE } from "./win-rate-data.ts";

export type ScanCandidate = z.output<typeof scanCandidate>;

export type Tier2Config = Pick<TradingConfig, "minOdds" | "maxOdds" | "minLiquidity">;

/** Books by ticker: a Map, or a function (e.g. over the job's fetched batch). */
export type BookLookup = ReadonlyMap<string, OrderBook> | ((ticker: string) => OrderBook | undefined);

export interface ScoredCandidate {
  /** Exactly the CandidatesScanned candidate. */
  candidate: ScanCandidate;
  /** Win probability real Kalshi history gives this price; null when the table has no row. */
  historicalWinRate: number | null;
  /** EV per dollar after fees with that probability. */
  evPerDollarHistorical: number | null;
}

export interface Tier2Options {
  /** The series' fee schedule (Series.fees); Kalshi's standard quadratic taker fee by default. */
  feesFor?: (seriesTicker: string) => FeeSchedule;
  /** Historical win rates; the embedded copy of the reference CSV by default. */
  winRates?: WinRateTable;
  sampleSize?: number;
}

export interface Tier2Result {
  stages: StageCount[];
  samples: Record<string, StageSample[]>;
  candidates: ScoredCandidate[];
}

const HOUR_MS = 3_600_000;

export function scanTier2(
  survivors: readonly Tier1Survivor[],
  books: BookLookup,
  config: Tier2Config,
  now: number,
  options: Tier2Options = {},
): Tier2Result {
  const sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const winRates = options.winRates ?? KALSHI_WIN_RATE_BY_PRICE;
  const lookup = typeof books === "function" ? books : (t: string) => books.get(t);
  const sBook: StageSample[] = [];
  const sEntry: StageSample[] = [];
  const sExit: StageSample[] = [];
  const keep = (into: StageSample[], s: Tier1Survivor, reason: string) => {
    if (into.length < sampleSize) into.push({ ticker: s.row.market_id, title: s.row.question, reason });
  };
  let confirmed = 0;
  let enterable = 0;
  const candidates: ScoredCandidate[] = [];

  for (const s of survivors) {
    const book = lookup(s.row.market_id);
    const ask = book ? bestAsk(book, s.side) : null;
    if (!book || !ask || ask.price < config.minOdds || ask.price > config.maxOdds) {
      const why = !book
        ? "no order book"
        : !ask
          ? `no ${s.side.toUpperCase()} ask in the book`
          : `book ${s.side.toUpperCase()} ask $${exactDollars(ask.price)} outside band`;
      keep(sBook, s, why);
      continue;
    }
    confirmed++;

    const entry = entryDepth(book, s.side, config.maxOdds);
    if (entry < config.minLiquidity) {
      keep(sEntry, s, `entry depth ${usd(entry)} < ${usd(config.minLiquidity)}`);
      continue;
    }
    enterable++;

    const exit = exitDepth(book, s.side);
    if (exit < config.minLiquidity) {
      keep(sExit, s, `exit depth ${usd(exit)} < ${usd(config.minLiquidity)}`);
      continue;
    }

    const fees = options.feesFor?.(s.row.series_ticker) ?? STANDARD_FEES;
    const winRate = historicalWinRate(winRates, ask.price);
    const evHistorical = winRate === null ? null : evPerDollarAfterFees(ask.price, winRate, fees);
    candidates.push({
      candidate: {
        ticker: s.row.market_id,
        title: s.row.question,
        category: s.row.category,
        seriesTicker: s.row.series_ticker,
        side: s.side,
        price: ask.price,
        closeTime: new Date(s.closeTime).toISOString(),
        hoursToClose: Math.round(((s.closeTime - now) / HOUR_MS) * 100) / 100,
        entryDepth: entry,
        exitDepth: exit,
        evPerDollarAfterFees: marketEvPerDollar(ask.price, fees),
        historicalWinRate: winRate,
        evPerDollarHistorical: evHistorical,
        rules: s.row.rules,
      },
      historicalWinRate: winRate,
      evPerDollarHistorical: evHistorical,
    });
  }

  return {
    stages: [
      { name: "book confirms price", count: confirmed },
      { name: "entry depth", count: enterable },
      { name: "exit depth", count: candidates.length },
    ],
    samples: { "book confirms price": sBook, "entry depth": sEntry, "exit depth": sExit },
    candidates,
  };
}
