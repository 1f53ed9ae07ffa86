import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import type { Clock } from "../time/clock.ts";
import { recordedTradingMode } from "./account/recorded-mode.ts";
import { markPosition } from "./positions.ts";
import { readOverview } from "./read/overview.ts";
import type { ReadCache } from "./read-cache.ts";
import { type TradingStateView, tradingStateView } from "./trading-state.ts";

export interface EquityPointView {
  date: string;
  cumulativePnl: number;
  equity: number | null;
}

export interface DailyPnlView {
  date: string;
  pnl: number;
  invested: number;
  trades: number;
  wins: number;
  losses: number;
  voids: number;
  stopLosses: number;
  winRate: number | null;
  returnPct: number | null;
}

export interface OverviewView {
  asOf: string;
  mode: "paper" | "live";
  balance: number | null;
  balanceSource: "PAPER_LEDGER" | "MORNING_REPORT" | "UNAVAILABLE";
  balanceAsOf: string | null;
  bankroll: number | null;
  totalPnl: number;
  realizedPnl: number;
  unrealizedPnl: number;
  feesPaid: number;
  invested: number;
  winRate: number | null;
  roi: number | null;
  wins: number;
  losses: number;
  voids: number;
  stopLosses: number;
  closedTrades: number;
  openPositionCount: number;
  unpricedPositions: number;
  openCost: number;
  openValue: number;
  tradingState: TradingStateView;
  equityCurve: EquityPointView[];
  dailyPnl: DailyPnlView[];
}

export const MAX_OVERVIEW_DAYS = 3660;
const DAY_MS = 86_400_000;

/**
 * The dashboard's first screen from the projections alone (the API never asks the exchange):
 * realized figures from `trades`, open positions marked at our bid from `contracts`, the curve
 * and bars from `performance_metrics`. Live cash comes from the last morning report.
 */
export async function computeOverview(
  deps: {
    db: Database;
    config: Config;
    clock: Clock;
    readCache: ReadCache;
    readVersion(): Promise<string>;
    /** The account shown: the request's (context.ts); default the one this engine serves. */
    accountId?: string;
  },
  days: number,
): Promise<OverviewView> {
  const { db, config, clock } = deps;
  const accountId = deps.accountId ?? config.accountId;
  // Another engine's account: its mode is what its orders recorded, and its paper starting balance
  // is that engine's configuration, which is not in the log, so its cash is only what its last
  // morning report saw (see docs/decisions, dashboard account filter).
  const served = accountId === config.accountId;
  const mode = served
    ? config.trading.mode
    : ((await recordedTradingMode(db, accountId)) ?? config.trading.mode);
  const paper = mode === "paper";
  const ledger = paper && served;
  const starting = config.trading.paperStartingBalance;
  // The rows are cached by read-model version; what depends on the clock is computed fresh.
  const version = await deps.readVersion();
  const {
    totals,
    open,
    performance: perf,
    state,
    reportedCash,
  } = await deps.readCache.get(`overview:${accountId}`, version, () => readOverview(db, accountId));
  const now = clock.now();

  let openCost = 0;
  let openValue = 0;
  let unrealized = 0;
  let unpriced = 0;
  for (const { trade, market } of open) {
    const p = markPosition(trade, market);
    openCost += p.entryCost;
    if (p.marketValue === null || p.unrealizedPnl === null) {
      // As in the morning report: a position nobody bids for is worth zero, never flattered.
      unpriced++;
      unrealized -= p.entryCost;
    } else {
      openValue += p.marketValue;
      unrealized += p.unrealizedPnl;
    }
  }

  // Paper cash: the starting balance plus every realized P&L, minus what open positions cost.
  const balance = ledger ? starting + totals.realized - totals.tied : (reportedCash?.cash ?? null);
  const asOf = new Date(now).toISOString();
  let cumulative = 0;
  const equityCurve = perf.map((p) => {
    cumulative += p.total_pnl;
    return { date: p.date, cumulativePnl: cumulative, equity: ledger ? starting + cumulative : null };
  });
  const since = new Date(now - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  const dailyPnl = perf
    .filter((p) => p.date >= since)
    .map((p) => ({
      date: p.date,
      pnl: p.total_pnl,
      invested: p.total_invested,
      trades: p.total_trades,
      wins: p.wins,
      losses: p.losses,
      voids: p.voids,
      stopLosses: p.stop_losses,
      winRate: p.win_rate,
      returnPct: p.total_return_pct,
    }));

  const decided = totals.wins + totals.losses;
  return {
    asOf,
    mode,
    balance,
    balanceSource: ledger ? "PAPER_LEDGER" : balance === null ? "UNAVAILABLE" : "MORNING_REPORT",
    balanceAsOf: ledger ? asOf : (reportedCash?.at ?? null),
    bankroll: balance === null ? null : balance + openValue,
    totalPnl: totals.realized + unrealized,
    realizedPnl: totals.realized,
    unrealizedPnl: unrealized,
    feesPaid: totals.fees,
    invested: totals.invested,
    winRate: decided > 0 ? totals.wins / decided : null,
    roi: totals.invested > 0 ? totals.realized / totals.invested : null,
    wins: totals.wins,
    losses: totals.losses,
    voids: totals.voids,
    stopLosses: totals.stops,
    closedTrades: totals.closed,
    openPositionCount: open.length,
    unpricedPositions: unpriced,
    openCost,
    openValue,
    tradingState: tradingStateView(state, now),
    equityCurve,
    dailyPnl,
  };
}
