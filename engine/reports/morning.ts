/**
 * The morning report (the seed's 7:00 cron): yesterday's activity, the open positions with their
 * unrealized P&L, and the bankroll.
 *
 * Open positions are marked at OUR side's bid after the exit fee (engine/risk/pnl.ts), not at the
 * YES price and not before fees: the seed's `current_odds × contracts − position_size` would show
 * a NO position at the YES price and a profit that selling could not realize. A position without
 * a bid is shown unpriced and counted at zero in the bankroll, so the total never flatters.
 */
import type { Side } from "../exchange/types.ts";
import { type FeeSchedule, STANDARD_FEES } from "../money/fees.ts";
import type { Centis, Micros } from "../money/money.ts";
import { signedUsd, usd } from "../risk/format.ts";
import { localDayKey, shiftDayKey } from "../risk/local-day.ts";
import { costBasis, netSaleValue } from "../risk/pnl.ts";
import { bidFor, type PriceSource } from "../risk/quote.ts";
import { parseTradeStatus } from "../risk/trade-status.ts";
import { closedOn, type DailyMetrics, dailyMetrics, type ReportGeneratedData } from "./daily.ts";
import { reportIdFor } from "./report-id.ts";
import type { ReportTradeRow } from "./trade-row.ts";

export interface MorningReportInput {
  accountId: string;
  now: number;
  timeZone: string;
  /** Every open trade and every trade with activity yesterday (more is fine). */
  trades: readonly ReportTradeRow[];
  /** Current prices by ticker: a quote from the `contracts` row or an order book. */
  prices: ReadonlyMap<string, PriceSource> | ((ticker: string) => PriceSource | undefined);
  /** Cash balance, micros. */
  cash: Micros;
  feesFor?: (ticker: string) => FeeSchedule;
}

export interface OpenPositionLine {
  tradeId: string;
  ticker: string;
  title: string;
  side: Side;
  contracts: number;
  entryPrice: number | null;
  /** Entry cost of the contracts still held, fees included. */
  entryCost: number;
  /** Our side's best bid now; null when there is none. */
  bid: number | null;
  /** What selling now would bring after the exit fee; null when unpriced. */
  marketValue: number | null;
  unrealizedPnl: number | null;
  closeTime: string;
}

export interface ActivityLine {
  tradeId: string;
  ticker: string;
  title: string;
  side: string;
  status: string;
  invested: number;
  pnl: number | null;
}

export type MorningBody = {
  date: string;
  timeZone: string;
  yesterday: {
    date: string;
    metrics: DailyMetrics;
    opened: ActivityLine[];
    closed: ActivityLine[];
    rejected: number;
  };
  openPositions: OpenPositionLine[];
  bankroll: {
    cash: number;
    /** Entry cost of what is held. */
    openCost: number;
    /** Liquidation value at our bids after fees (unpriced positions count zero). */
    openValue: number;
    unrealizedPnl: number;
    unpriced: number;
    /** cash + openValue. */
    total: number;
  };
};

const activity = (t: ReportTradeRow): ActivityLine => ({
  tradeId: t.id,
  ticker: t.contract_id,
  title: t.title,
  side: t.side,
  status: t.status,
  invested: t.position_size + t.entry_fees,
  pnl: t.pnl,
});

const onDay = (iso: string | null, day: string, timeZone: string): boolean =>
  iso !== null && Number.isFinite(Date.parse(iso)) && localDayKey(Date.parse(iso), timeZone) === day;

export function openPosition(
  t: ReportTradeRow,
  price: PriceSource | undefined,
  fees: FeeSchedule = STANDARD_FEES,
): OpenPositionLine {
  const side: Side = t.side === "no" ? "no" : "yes";
  const held = (t.contracts_purchased - t.contracts_sold) as Centis;
  const cost = costBasis(
    {
      contracts: t.contracts_purchased as Centis,
      positionSize: t.position_size as Micros,
      entryFees: t.entry_fees as Micros,
    },
    held,
  );
  const bid = price ? bidFor(price, side) : null;
  const value = bid === null ? null : netSaleValue(held, bid, fees);
  return {
    tradeId: t.id,
    ticker: t.contract_id,
    title: t.title,
    side,
    contracts: held,
    entryPrice: t.entry_odds,
    entryCost: cost,
    bid,
    marketValue: value,
    unrealizedPnl: value === null ? null : value - cost,
    closeTime: t.close_time,
  };
}

export function buildMorningReport(input: MorningReportInput): ReportGeneratedData {
  const { timeZone, trades } = input;
  const today = localDayKey(input.now, timeZone);
  const yesterday = shiftDayKey(today, -1);
  const lookup =
    typeof input.prices === "function"
      ? input.prices
      : (t: string) => (input.prices as ReadonlyMap<string, PriceSource>).get(t);

  const opened = trades.filter((t) => t.contracts_purchased > 0 && onDay(t.executed_at, yesterday, timeZone));
  const closed = closedOn(trades, yesterday, timeZone).map((c) => c.row);
  const rejected = trades.filter(
    (t) => t.status === "rejected" && onDay(t.proposed_at, yesterday, timeZone),
  ).length;

  const openPositions = trades
    .filter((t) => parseTradeStatus(t.status) === "open" && t.contracts_purchased - t.contracts_sold > 0)
    .map((t) => openPosition(t, lookup(t.contract_id), input.feesFor?.(t.contract_id)))
    .sort((a, b) =>
      a.closeTime < b.closeTime ? -1 : a.closeTime > b.closeTime ? 1 : a.tradeId < b.tradeId ? -1 : 1,
    );

  let openCost = 0;
  let openValue = 0;
  let unrealized = 0;
  let unpriced = 0;
  for (const p of openPositions) {
    openCost += p.entryCost;
    if (p.marketValue === null || p.unrealizedPnl === null) {
      unpriced++;
      unrealized -= p.entryCost; // valued at zero
    } else {
      openValue += p.marketValue;
      unrealized += p.unrealizedPnl;
    }
  }

  const metrics = dailyMetrics(trades, yesterday, timeZone);
  const body: MorningBody = {
    date: today,
    timeZone,
    yesterday: {
      date: yesterday,
      metrics,
      opened: opened.map(activity),
      closed: closed.map(activity),
      rejected,
    },
    openPositions,
    bankroll: {
      cash: input.cash,
      openCost,
      openValue,
      unrealizedPnl: unrealized,
      unpriced,
      total: input.cash + openValue,
    },
  };

  const investedYesterday = opened.reduce((a, t) => a + t.position_size + t.entry_fees, 0);
  const summary =
    `Yesterday (${yesterday}): ${opened.length} opened for ${usd(investedYesterday)}, ` +
    `${metrics.totalTrades} closed for ${signedUsd(metrics.totalPnl)}` +
    (rejected > 0 ? `, ${rejected} rejected` : "") +
    `. ${openPositions.length} open position${openPositions.length === 1 ? "" : "s"}, unrealized ${signedUsd(unrealized)}` +
    (unpriced > 0 ? ` (${unpriced} without a bid, counted at $0)` : "") +
    `. Bankroll ${usd(body.bankroll.total)} (cash ${usd(input.cash)}).`;

  return {
    reportId: reportIdFor(input.accountId, "morning", today),
    kind: "morning",
    period: today,
    summary,
    body,
  };
}
