/**
 * The Backtests page's queries, shapes and loader logic. Kept beside the page (not in the shared
 * queries.ts) so it can be tested on its own; backtests.test.ts validates the documents against
 * schema/schema.graphql and runs the loader against the real API.
 */
import { formatMicros } from "./format";
import type { EquityPoint, Money, ReliabilityBucket, Side } from "./types";

const MONEY = "fragment M on Money { micros display }";

const SUMMARY_FIELDS = `
  id completedAt from to source sourceDetail selector parameters { name value } eventsProcessed
  trades wins losses winRate totalPnl { ...M } roiPct maxDrawdown { ...M } maxDrawdownPct sharpe
`;

export const BACKTESTS_QUERY = `
query Backtests($first: Int!) {
  backtests(first: $first) { totalCount nodes { ${SUMMARY_FIELDS} } }
}
${MONEY}`;

export const BACKTEST_QUERY = `
query Backtest($id: ID!) {
  backtest(id: $id) {
    ${SUMMARY_FIELDS}
    startingBalance { ...M } aiSpent { ...M } voids stopLosses openAtEnd feesPaid { ...M } invested { ...M }
    finalEquity { ...M } returnPct sharpeDays
    equityCurve { date equity { ...M } low { ...M } high { ...M } }
    priceCalibration { lower upper trades wins winRate meanPrice kalshiTrades kalshiWinRate }
    priceBrier kalshiSource
    confidenceCalibration { lower upper count meanProbability observedFrequency }
    confidenceBrier
    byCategory { name trades wins losses winRate invested { ...M } pnl { ...M } roiPct }
    bySeries { name trades wins losses winRate invested { ...M } pnl { ...M } roiPct }
    stopVsHold {
      stopped compared stopPnl { ...M } holdPnl { ...M } saved { ...M } cost { ...M } net { ...M }
      trades {
        tradeId ticker side category seriesTicker stoppedAt exitPrice { ...M } stopPnl { ...M }
        marketResult holdPnl { ...M } stopEffect { ...M }
      }
    }
    conventions { name definition }
  }
}
${MONEY}`;

export interface BacktestSummary {
  id: string;
  completedAt: string;
  from: string;
  to: string;
  source: string;
  sourceDetail: string;
  selector: string;
  parameters: { name: string; value: string }[];
  eventsProcessed: number;
  trades: number;
  wins: number;
  losses: number;
  winRate: number | null;
  totalPnl: Money;
  roiPct: number | null;
  maxDrawdown: Money;
  maxDrawdownPct: number | null;
  sharpe: number | null;
}

export interface BacktestGroup {
  name: string;
  trades: number;
  wins: number;
  losses: number;
  winRate: number | null;
  invested: Money;
  pnl: Money;
  roiPct: number | null;
}

export interface PriceCalibrationBucket {
  lower: number;
  upper: number;
  trades: number;
  wins: number;
  winRate: number;
  meanPrice: number;
  kalshiTrades: number;
  kalshiWinRate: number | null;
}

export interface StoppedTradeComparison {
  tradeId: string;
  ticker: string;
  side: Side;
  category: string;
  seriesTicker: string;
  stoppedAt: string | null;
  exitPrice: Money | null;
  stopPnl: Money;
  marketResult: string;
  holdPnl: Money | null;
  stopEffect: Money | null;
}

export interface BacktestDetail extends BacktestSummary {
  startingBalance: Money;
  aiSpent: Money;
  voids: number;
  stopLosses: number;
  openAtEnd: number;
  feesPaid: Money;
  invested: Money;
  finalEquity: Money;
  returnPct: number | null;
  sharpeDays: number;
  equityCurve: { date: string; equity: Money; low: Money; high: Money }[];
  priceCalibration: PriceCalibrationBucket[];
  priceBrier: number | null;
  kalshiSource: string;
  confidenceCalibration: ReliabilityBucket[];
  confidenceBrier: number | null;
  byCategory: BacktestGroup[];
  bySeries: BacktestGroup[];
  stopVsHold: {
    stopped: number;
    compared: number;
    stopPnl: Money;
    holdPnl: Money;
    saved: Money;
    cost: Money;
    net: Money;
    trades: StoppedTradeComparison[];
  };
  conventions: { name: string; definition: string }[];
}

/** How many runs the list shows. */
export const BACKTESTS_LISTED = 50;

/** The run the page opens: the one named by ?id=, else the newest; null when there is none. */
export function selectedId(list: readonly BacktestSummary[], url: string): string | null {
  const wanted = new URL(url).searchParams.get("id");
  if (wanted && list.some((b) => b.id === wanted)) return wanted;
  return list[0]?.id ?? null;
}

/** Exact difference a − b of two integer-micros strings (the P&L axis is equity − start). */
const minusMicros = (a: string, b: string): string => (BigInt(a) - BigInt(b)).toString();

/**
 * The run's daily equity as the overview's equity chart draws it: equity on one axis, P&L since
 * the starting balance on the other (exact: computed on integer micros, displayed by the server
 * for equity and here for P&L).
 */
export function equityPoints(b: Pick<BacktestDetail, "equityCurve" | "startingBalance">): EquityPoint[] {
  return b.equityCurve.map((p) => {
    const micros = minusMicros(p.equity.micros, b.startingBalance.micros);
    return { date: p.date, equity: p.equity, cumulativePnl: { micros, display: formatMicros(micros) } };
  });
}

/** "MIN_ODDS=0.9 · STOP_LOSS_THRESHOLD=0.75", or "defaults". */
export const parametersText = (p: BacktestSummary["parameters"]): string =>
  p.length === 0 ? "defaults" : p.map((x) => `${x.name}=${x.value}`).join(" · ");
