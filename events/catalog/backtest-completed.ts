import { z } from "zod";
import { defineEvent } from "../define.ts";
import { isoTime, micros, side, ticker } from "./common.ts";

/**
 * The backtest report (engine/backtest/report/computeReport) as stored: the schema is the report's
 * type, so what the CLI prints, what `--json` writes and what the dashboard reads are one shape.
 * Money is integer micros (plain numbers, as every event carries it); rates and probabilities are
 * fractions in [0, 1]; percentages say so in their name.
 */
const rate = z.number().min(0).max(1);
const count = z.number().int().nonnegative();

/** Where the markets came from: log, file, sim, … and its particulars ("seed=7 markets=600"). */
const source = z.object({ kind: z.string().min(1), detail: z.string() });

const groupStats = z.object({
  name: z.string(),
  trades: count,
  wins: count,
  losses: count,
  voids: count,
  stopLosses: count,
  /** Entry cost incl. entry fees of the closed trades. */
  invested: micros,
  /** After every fee. */
  pnl: micros,
  winRate: rate.nullable(),
  /** pnl / invested × 100. */
  roiPct: z.number().nullable(),
});

const priceBucket = z.object({
  /** Entry price range as probabilities: [lower, upper), the last bucket includes 1. */
  lower: z.number(),
  upper: z.number(),
  trades: count,
  wins: count,
  winRate: rate,
  meanPrice: rate,
  /** Real Kalshi trades at these prices and how often they won (null when the table has none). */
  kalshiTrades: count,
  kalshiWinRate: rate.nullable(),
});

const confidenceBucket = z.object({
  lower: z.number(),
  upper: z.number(),
  count,
  meanProbability: rate.nullable(),
  observedFrequency: rate.nullable(),
});

const stoppedTrade = z.object({
  tradeId: z.string(),
  ticker,
  side,
  category: z.string(),
  seriesTicker: z.string(),
  stoppedAt: isoTime.nullable(),
  exitPrice: micros.nullable(),
  /** What the stop realised, after every fee. */
  stopPnl: micros,
  /** The market's result: yes, no, void, scalar, or "" while unsettled. */
  marketResult: z.string(),
  /** What holding to resolution would have paid after fees; null when the market has not settled. */
  holdPnl: micros.nullable(),
  /** stopPnl − holdPnl: positive = the stop saved money, negative = it cost money. */
  stopEffect: micros.nullable(),
});

export const backtestReportSchema = z.object({
  run: z.object({
    from: isoTime,
    to: isoTime,
    source,
    selector: z.enum(["rules", "recorded", "ai"]),
    /** The overrides the run traded with, NAME → value as given. */
    parameters: z.record(z.string(), z.string()),
    eventsProcessed: count,
    startingBalance: micros,
    aiSpent: micros,
  }),
  /** How each figure is defined, in words: the report must be readable without the source code. */
  conventions: z.record(z.string(), z.string()),
  summary: z.object({
    /** Trades closed (settled or sold) during the run. */
    trades: count,
    wins: count,
    losses: count,
    voids: count,
    stopLosses: count,
    /** Filled trades still open when the run ended (not in the P&L). */
    openAtEnd: count,
    winRate: rate.nullable(),
    invested: micros,
    totalPnl: micros,
    feesPaid: micros,
    roiPct: z.number().nullable(),
    finalEquity: micros,
    returnPct: z.number().nullable(),
    maxDrawdown: micros,
    maxDrawdownPct: z.number().nullable(),
    maxDrawdownPeakAt: isoTime.nullable(),
    maxDrawdownTroughAt: isoTime.nullable(),
    sharpe: z.number().nullable(),
    sharpeDays: count,
  }),
  equityCurve: z.array(z.object({ date: z.string(), equity: micros, low: micros, high: micros })),
  calibration: z.object({
    /** Trades whose market settled yes or no (stopped ones included: the market still had a winner). */
    settled: count,
    unsettled: count,
    price: z.object({
      bucketWidth: z.number(),
      buckets: z.array(priceBucket),
      /** Brier score of the entry price as the probability: the market's own forecast. */
      brier: z.number().nullable(),
      kalshiSource: z.string(),
    }),
    confidence: z.object({
      buckets: z.array(confidenceBucket),
      brier: z.number().nullable(),
    }),
  }),
  byCategory: z.array(groupStats),
  bySeries: z.array(groupStats),
  stopVsHold: z.object({
    stopped: count,
    /** Stopped trades whose market settled, so holding has a value. */
    compared: count,
    stopPnl: micros,
    holdPnl: micros,
    /** Σ positive stopEffect. */
    saved: micros,
    /** Σ |negative stopEffect|. */
    cost: micros,
    /** saved − cost = stopPnl − holdPnl over the compared trades. */
    net: micros,
    trades: z.array(stoppedTrade),
  }),
});

/** A backtest finished: its parameters (in `report.run`) and the whole report, for the dashboard. */
export const BacktestCompleted = defineEvent({
  type: "BacktestCompleted",
  version: 1,
  schema: z.object({
    backtestId: z.string().min(1),
    report: backtestReportSchema,
  }),
});
