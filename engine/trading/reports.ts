import type { TradeRow } from "../projections/trades/projection.ts";
import { buildDailyReport } from "../reports/daily.ts";
import { buildMonthlyReport, previousMonth } from "../reports/monthly.ts";
import { buildMorningReport } from "../reports/morning.ts";
import { localDayKey, shiftDayKey } from "../risk/local-day.ts";
import { deterministicId } from "../time/random.ts";
import type { TradingDeps } from "./deps.ts";
import { availableBalance } from "./execute-proposal.ts";
import { allTrades, openPositions } from "./read-model.ts";

type ReportData = ReturnType<typeof buildMorningReport>;

async function appendReport(deps: TradingDeps, report: ReportData) {
  // Written once per kind and period: the id derives from the report id.
  await deps.store.append(`report-${report.kind}-${report.period}`, [
    {
      type: "ReportGenerated",
      id: deterministicId("ReportGenerated", deps.config.accountId, report.reportId),
      data: report,
    },
  ]);
  await deps.projector.catchUp();
  return report;
}

/** morning-report (07:00): yesterday's activity, open positions marked at the bid, bankroll; and yesterday's daily report. */
export async function morningReport(deps: TradingDeps) {
  await deps.projector.catchUp();
  const now = deps.clock.now();
  const trades: TradeRow[] = await allTrades(deps.db, deps.config.accountId);
  const open = await openPositions(deps.db, deps.config.accountId);
  const books = await deps.market.getOrderBooks([...new Set(open.map((t) => t.contract_id))]);
  const morning = buildMorningReport({
    accountId: deps.config.accountId,
    now,
    timeZone: deps.config.timezone,
    trades,
    prices: books,
    cash: await availableBalance(deps),
  });
  await appendReport(deps, morning);
  const yesterday = shiftDayKey(localDayKey(now, deps.config.timezone), -1);
  await appendReport(
    deps,
    buildDailyReport({
      accountId: deps.config.accountId,
      day: yesterday,
      timeZone: deps.config.timezone,
      trades,
    }),
  );
  return morning;
}

/** monthly-analysis (the 1st, 00:00): last month by category and series, insights, calibration. */
export async function monthlyAnalysis(deps: TradingDeps, period?: string) {
  await deps.projector.catchUp();
  const now = deps.clock.now();
  const trades = await allTrades(deps.db, deps.config.accountId);
  return appendReport(
    deps,
    buildMonthlyReport({
      accountId: deps.config.accountId,
      period: period ?? previousMonth(now, deps.config.timezone),
      timeZone: deps.config.timezone,
      trades,
    }),
  );
}
