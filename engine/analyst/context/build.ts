/**
 * The learning module: everything the selector is told, built from the trade history and the
 * scan. The result is plain JSON and is stored verbatim as the event's `context`, so an audit sees
 * exactly what the model saw.
 */

import type { Micros } from "../../money/money.ts";
import { showDollars } from "../money-text.ts";
import { uniqueCandidates } from "../rules-check.ts";
import type { Candidate, SelectionLimits } from "../types.ts";
import { type BucketStats, performancePatterns } from "./aggregate.ts";
import { type CandidateView, candidateView } from "./candidates.ts";
import type { TradeHistoryRow } from "./history.ts";
import { type Lessons, lessonsFromHistory } from "./lessons.ts";
import { outcomeOf } from "./outcome.ts";
import { truncate } from "./text.ts";

export const RECENT_TRADES = 50;

export interface RecentTrade {
  ticker: string;
  title: string;
  category: string;
  side: "yes" | "no";
  status: string;
  outcome: string;
  executedAt: string | null;
  entryPrice: string;
  positionSize: string;
  pnl: string | null;
  confidence: number;
  reasoning: string;
  riskFactors: string[];
}

export type StatsView = Omit<BucketStats, "pnl"> & { pnl: string };

export interface AnalystContext {
  asOf: string;
  account: {
    bankroll: string;
    dailyBudget: string;
    remainingBudget: string;
    minPositionSize: string;
    maxPositionSize: string;
    maxTradesPerDay: number;
    tradesRemaining: number;
  };
  trackRecord: {
    recentTrades: RecentTrade[];
    overall: StatsView;
    winRateByConfidence: StatsView[];
    winRateByEntryPrice: StatsView[];
    winRateByCategory: StatsView[];
    lessons: Lessons;
  };
  candidates: CandidateView[];
}

export interface ContextInput {
  now: number;
  history: readonly TradeHistoryRow[];
  candidates: readonly Candidate[];
  bankroll: Micros;
  limits: SelectionLimits;
}

const statsView = (s: BucketStats): StatsView => ({ ...s, pnl: showDollars(s.pnl) });

function recentTrade(t: TradeHistoryRow): RecentTrade {
  return {
    ticker: t.ticker,
    title: truncate(t.title, 160),
    category: t.category,
    side: t.side,
    status: t.status,
    outcome: outcomeOf(t),
    executedAt: t.executedAt,
    entryPrice: showDollars(t.entryPrice, 4),
    positionSize: showDollars(t.positionSize),
    pnl: t.pnl === null ? null : showDollars(t.pnl),
    confidence: t.confidence,
    reasoning: truncate(t.reasoning, 300),
    riskFactors: t.riskFactors.map((f) => truncate(f, 120)),
  };
}

export function buildContext(input: ContextInput): AnalystContext {
  const patterns = performancePatterns(input.history);
  const l = input.limits;
  return {
    asOf: new Date(input.now).toISOString(),
    account: {
      bankroll: showDollars(input.bankroll),
      dailyBudget: showDollars(l.dailyBudget),
      remainingBudget: showDollars(l.remainingBudget),
      minPositionSize: showDollars(l.minPositionSize),
      maxPositionSize: showDollars(l.maxPositionSize),
      maxTradesPerDay: l.maxTradesPerDay,
      tradesRemaining: l.tradesRemaining,
    },
    trackRecord: {
      recentTrades: input.history.slice(0, RECENT_TRADES).map(recentTrade),
      overall: statsView(patterns.overall),
      winRateByConfidence: patterns.byConfidence.map(statsView),
      winRateByEntryPrice: patterns.byEntryPrice.map(statsView),
      winRateByCategory: patterns.byCategory.map(statsView),
      lessons: lessonsFromHistory(input.history),
    },
    candidates: uniqueCandidates(input.candidates).map((c) => candidateView(c, input.now)),
  };
}
