import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SideBadge } from "../components/badges";
import { CalibrationChart } from "../components/charts/calibration-chart";
import { EquityChart } from "../components/charts/equity-chart";
import { PriceCalibrationChart } from "../components/charts/price-calibration-chart";
import { type SignedBar, SignedBarChart } from "../components/charts/signed-bar-chart";
import { EmptyState } from "../components/empty-state";
import { KpiCard } from "../components/kpi-card";
import { MoneyText, PnlText } from "../components/money";
import { PageHeader } from "../components/page-header";
import { Panel } from "../components/panel";
import { Table, Td, Th, WIDE_ONLY } from "../components/table";
import {
  BACKTEST_QUERY,
  BACKTESTS_LISTED,
  BACKTESTS_QUERY,
  type BacktestDetail,
  type BacktestGroup,
  type BacktestSummary,
  equityPoints,
  parametersText,
  selectedId,
} from "../lib/backtests";
import {
  formatDate,
  formatDateTime,
  formatDateTimeShort,
  formatFraction,
  formatInt,
  formatPercent,
  microsToChartNumber,
  numberTone,
} from "../lib/format";
import { gql } from "../lib/graphql.server";

export const meta: MetaFunction = () => [{ title: "Backtests · Conviction" }];

/** Confidence buckets start at 50%: a selector never buys a side it thinks will lose. */
const CONFIDENCE_FROM = 0.5;

/** The list of runs, and the selected one (?id=, else the newest) with its whole report. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { backtests } = await gql<{ backtests: { totalCount: number; nodes: BacktestSummary[] } }>(
    request,
    BACKTESTS_QUERY,
    { first: BACKTESTS_LISTED },
  );
  const id = selectedId(backtests.nodes, request.url);
  const selected = id
    ? (await gql<{ backtest: BacktestDetail | null }>(request, BACKTEST_QUERY, { id })).backtest
    : null;
  return { runs: backtests.nodes, total: backtests.totalCount, selected };
}

export default function BacktestsPage() {
  const { runs, total, selected } = useLoaderData<typeof loader>();
  if (!selected) {
    return (
      <>
        <PageHeader
          title="Backtests"
          subtitle="The same engine replayed over history, with honest accounting"
        />
        <EmptyState title="No backtests yet" testId="backtests-empty">
          Run one from a terminal:{" "}
          <code className="rounded bg-zinc-950 px-2 py-1 font-mono text-xs text-zinc-100">
            npm run cli -- backtest
          </code>
          . Each run's rules, trades, P&amp;L, drawdown and calibration appear here.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Backtests"
        subtitle={`${formatDate(selected.from)} → ${formatDate(selected.to)} · ${sourceText(selected)} · selector ${selected.selector} · ${parametersText(selected.parameters)}`}
      />
      <Summary b={selected} />
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <Panel
          title="Equity"
          description={`${selected.startingBalance.display} → ${selected.finalEquity.display} (${formatPercent(selected.returnPct, 2, true)})`}
          className="lg:col-span-2"
        >
          {selected.equityCurve.length > 0 ? (
            <EquityChart points={equityPoints(selected)} />
          ) : (
            <EmptyState title="No equity samples in this run" />
          )}
        </Panel>
        <Panel title="Stop-loss against holding" testId="stop-vs-hold">
          <StopSummary b={selected} />
        </Panel>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Panel
          title="Win rate by entry price"
          description={`Next to ${formatInt(totalKalshi(selected))} real Kalshi trades at the same prices · Brier of the price ${selected.priceBrier?.toFixed(4) ?? "—"}`}
        >
          {selected.priceCalibration.length > 0 ? (
            <PriceCalibrationChart buckets={selected.priceCalibration} />
          ) : (
            <EmptyState title="No settled trades in this run" />
          )}
        </Panel>
        <Panel
          title="Win rate by stated confidence"
          description={`Brier ${selected.confidenceBrier?.toFixed(4) ?? "—"} (0 is perfect; the market's own is ${selected.priceBrier?.toFixed(4) ?? "—"})`}
        >
          {selected.confidenceCalibration.some((b) => b.count > 0) ? (
            <CalibrationChart buckets={selected.confidenceCalibration} from={CONFIDENCE_FROM} />
          ) : (
            <EmptyState title="No settled trades in this run" />
          )}
        </Panel>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Panel title="P&L by category">
          <GroupBars testId="backtest-category-chart" groups={selected.byCategory} />
        </Panel>
        <Panel title="P&L by series">
          <GroupBars testId="backtest-series-chart" groups={selected.bySeries} />
        </Panel>
      </div>
      {selected.stopVsHold.trades.length > 0 ? (
        <Panel
          title="Stopped trades"
          description="What each stop realised against holding to settlement"
          className="mt-4"
        >
          <StopTable b={selected} />
        </Panel>
      ) : null}
      <Panel title="Runs" description={`${total} recorded, newest first`} className="mt-4">
        <RunsTable runs={runs} current={selected.id} />
      </Panel>
      <Panel title="Definitions" className="mt-4">
        <dl className="grid gap-2 text-xs sm:grid-cols-2">
          {selected.conventions.map((c) => (
            <div key={c.name}>
              <dt className="font-medium text-zinc-300">{c.name}</dt>
              <dd className="text-zinc-400">{c.definition}</dd>
            </div>
          ))}
        </dl>
      </Panel>
    </>
  );
}

const sourceText = (b: BacktestSummary): string =>
  b.source === "log" ? "event log" : `${b.source}${b.sourceDetail ? ` (${b.sourceDetail})` : ""}`;

const totalKalshi = (b: BacktestDetail): number => b.priceCalibration.reduce((a, x) => a + x.kalshiTrades, 0);

function Summary({ b }: { b: BacktestDetail }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <KpiCard
        id="backtest-trades"
        label="Trades"
        value={b.trades}
        hint={`${b.wins} won · ${b.losses} lost${b.openAtEnd > 0 ? ` · +${b.openAtEnd} open` : ""}`}
      />
      <KpiCard id="backtest-win-rate" label="Win rate" value={formatFraction(b.winRate)} />
      <KpiCard
        id="backtest-pnl"
        label="P&L after fees"
        value={<PnlText money={b.totalPnl} />}
        hint={<span className={numberTone(b.roiPct)}>ROI {formatPercent(b.roiPct, 2, true)}</span>}
      />
      <KpiCard id="backtest-fees" label="Fees paid" value={<MoneyText money={b.feesPaid} />} />
      <KpiCard
        id="backtest-drawdown"
        label="Max drawdown"
        value={<MoneyText money={b.maxDrawdown} />}
        hint={formatPercent(b.maxDrawdownPct, 2)}
      />
      <KpiCard
        id="backtest-sharpe"
        label="Sharpe"
        value={b.sharpe === null ? "—" : b.sharpe.toFixed(2)}
        hint={`daily, ${b.sharpeDays} days, ×√365`}
      />
    </dl>
  );
}

function StopSummary({ b }: { b: BacktestDetail }) {
  const s = b.stopVsHold;
  if (s.stopped === 0) return <p className="text-sm text-zinc-400">No stop-loss fired in this run.</p>;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="text-zinc-300">
        {s.stopped} stops; {s.compared} on markets that settled.
      </p>
      <p>
        Net effect of the stops: <PnlText money={s.net} />
      </p>
      <p className="text-xs text-zinc-400">
        Saved <MoneyText money={s.saved} /> where the market went against us, cost{" "}
        <MoneyText money={s.cost} /> where it would have paid. Stops realised <PnlText money={s.stopPnl} />,
        while holding would have made <PnlText money={s.holdPnl} />.
      </p>
    </div>
  );
}

function GroupBars({ testId, groups }: { testId: string; groups: BacktestGroup[] }) {
  if (groups.length === 0) return <EmptyState title="No closed trades in this run" />;
  const bars: SignedBar[] = groups.map((g) => ({
    label: g.name,
    value: microsToChartNumber(g.pnl.micros),
    display: g.pnl.display,
    detail: `${g.trades} trades, win rate ${formatFraction(g.winRate)}`,
  }));
  return (
    <SignedBarChart testId={testId} description={`P&L of ${groups.length} groups.`} bars={bars} vertical />
  );
}

function StopTable({ b }: { b: BacktestDetail }) {
  return (
    <Table label="Stopped trades" testId="stop-table">
      <thead>
        <tr>
          <Th>Stopped (UTC)</Th>
          <Th>Market</Th>
          <Th className={WIDE_ONLY}>Result</Th>
          <Th className="text-right">Stop P&amp;L</Th>
          <Th className="text-right">Hold P&amp;L</Th>
          <Th className="text-right">Stop saved</Th>
        </tr>
      </thead>
      <tbody>
        {b.stopVsHold.trades.map((t) => (
          <tr key={t.tradeId} data-testid="stop-row">
            <Td>{formatDateTimeShort(t.stoppedAt)}</Td>
            <Td>
              <span className="font-mono text-xs text-zinc-200">{t.ticker}</span> <SideBadge side={t.side} />
            </Td>
            <Td className={WIDE_ONLY}>{t.marketResult || "unsettled"}</Td>
            <Td className="text-right">
              <PnlText money={t.stopPnl} />
            </Td>
            <Td className="text-right">
              <PnlText money={t.holdPnl} />
            </Td>
            <Td className="text-right">
              <PnlText money={t.stopEffect} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function RunsTable({ runs, current }: { runs: BacktestSummary[]; current: string }) {
  return (
    <Table label="Backtest runs" testId="backtests-table">
      <thead>
        <tr>
          <Th>Completed</Th>
          <Th>Period</Th>
          <Th className={WIDE_ONLY}>Source · selector</Th>
          <Th className={WIDE_ONLY}>Parameters</Th>
          <Th className="text-right">Trades</Th>
          <Th className="text-right">Win rate</Th>
          <Th className="text-right">P&amp;L</Th>
          <Th className="text-right">Drawdown</Th>
          <Th className="text-right">Sharpe</Th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} data-testid="backtest-row" aria-current={r.id === current ? "true" : undefined}>
            <Td>
              <Link to={`?id=${encodeURIComponent(r.id)}`} className="text-sky-400 hover:underline">
                {formatDateTime(r.completedAt)}
              </Link>
            </Td>
            <Td>
              {formatDate(r.from)} → {formatDate(r.to)}
            </Td>
            <Td className={WIDE_ONLY}>
              {sourceText(r)} · {r.selector}
            </Td>
            <Td className={`${WIDE_ONLY} font-mono text-xs`}>{parametersText(r.parameters)}</Td>
            <Td className="text-right">{r.trades}</Td>
            <Td className="text-right">{formatFraction(r.winRate)}</Td>
            <Td className="text-right">
              <PnlText money={r.totalPnl} />
            </Td>
            <Td className="text-right">
              <MoneyText money={r.maxDrawdown} /> ({formatPercent(r.maxDrawdownPct, 1)})
            </Td>
            <Td className="text-right">{r.sharpe === null ? "—" : r.sharpe.toFixed(2)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
