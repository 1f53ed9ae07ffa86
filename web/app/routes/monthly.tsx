import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type SignedBar, SignedBarChart } from "../components/charts/signed-bar-chart";
import { EmptyState } from "../components/empty-state";
import { KpiCard } from "../components/kpi-card";
import { MoneyText, PnlText } from "../components/money";
import { PageHeader } from "../components/page-header";
import { Panel } from "../components/panel";
import { Table, Td, Th } from "../components/table";
import { useAccount } from "../lib/account";
import {
  formatDateTime,
  formatFraction,
  formatMicros,
  formatMonth,
  formatPercent,
  microsToChartNumber,
  numberTone,
} from "../lib/format";
import { gql } from "../lib/graphql.server";
import { type GroupStats, insightLines, parseRanked, parseStatsRecord } from "../lib/monthly";
import { MONTHLY_QUERY } from "../lib/queries";
import type { MonthlyAnalysis } from "../lib/types";

export const meta: MetaFunction = () => [{ title: "Monthly analysis · Conviction" }];

/** Series beyond this many are left off the chart (the table below lists them all). */
const SERIES_IN_CHART = 12;

export async function loader({ request }: LoaderFunctionArgs) {
  const { monthlyAnalyses } = await gql<{ monthlyAnalyses: { nodes: MonthlyAnalysis[] } }>(
    request,
    MONTHLY_QUERY,
  );
  const months = monthlyAnalyses.nodes;
  const wanted = new URL(request.url).searchParams.get("month");
  const selected = months.find((m) => m.month === wanted) ?? months[0] ?? null;
  return { months, selected };
}

function bars(groups: GroupStats[]): SignedBar[] {
  return groups.map((g) => ({
    label: g.name,
    value: microsToChartNumber(g.pnl),
    display: formatMicros(g.pnl),
    detail: `${g.trades} trades, win rate ${formatFraction(g.winRate)}`,
  }));
}

export default function MonthlyPage() {
  const { months, selected } = useLoaderData<typeof loader>();
  if (!selected) {
    return (
      <>
        <PageHeader title="Monthly analysis" />
        <EmptyState title="No monthly analysis yet" testId="monthly-empty">
          The analysis runs on the 1st of each month for the month before; run it now from Settings or with{" "}
          <code className="text-zinc-200">npm run cli -- run monthly-analysis</code>.
        </EmptyState>
      </>
    );
  }
  const categories = parseStatsRecord(selected.marketTypeAnalysis);
  const series = parseStatsRecord(selected.seriesAnalysis);
  const top = parseRanked(selected.topMarketTypes);
  const worst = parseRanked(selected.worstMarketTypes);
  const chronological = [...months].reverse();
  return (
    <>
      <PageHeader
        title="Monthly analysis"
        subtitle={`${formatMonth(selected.month)} · generated ${formatDateTime(selected.generatedAt)}`}
        actions={<MonthTabs months={months.map((m) => m.month)} current={selected.month} />}
      />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <KpiCard id="month-trades" label="Trades closed" value={selected.totalTrades} />
        <KpiCard id="month-pnl" label="P&L after fees" value={<PnlText money={selected.totalPnl} />} />
        <KpiCard id="month-invested" label="Invested" value={<MoneyText money={selected.totalInvested} />} />
        <KpiCard
          id="month-win-rate"
          label="Win rate"
          value={formatFraction(selected.winRate)}
          hint={
            <span className={numberTone(selected.avgRoi)}>
              avg ROI {formatPercent(selected.avgRoi, 1, true)}
            </span>
          }
        />
      </dl>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Panel title="P&L by category">
          {categories.length > 0 ? (
            <SignedBarChart
              testId="category-chart"
              description={`P&L by category for ${selected.month}.`}
              bars={bars(categories)}
              vertical
            />
          ) : (
            <EmptyState title="No closed trades this month" />
          )}
        </Panel>
        <Panel
          title="P&L by series"
          description={series.length > SERIES_IN_CHART ? `Top and bottom ${SERIES_IN_CHART / 2}` : undefined}
        >
          {series.length > 0 ? (
            <SignedBarChart
              testId="series-chart"
              description={`P&L by series for ${selected.month}.`}
              bars={bars(
                series.length > SERIES_IN_CHART
                  ? [...series.slice(0, SERIES_IN_CHART / 2), ...series.slice(-SERIES_IN_CHART / 2)]
                  : series,
              )}
              vertical
            />
          ) : (
            <EmptyState title="No closed trades this month" />
          )}
        </Panel>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <Panel title="Insights" className="lg:col-span-1" testId="monthly-insights">
          <ul className="flex list-disc flex-col gap-2 pl-5 text-sm text-zinc-300">
            {insightLines(selected.insights).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Panel>
        <Panel title="Top market types" testId="top-market-types">
          <RankedList groups={top} empty="No category made money this month." />
        </Panel>
        <Panel title="Worst market types" testId="worst-market-types">
          <RankedList groups={worst} empty="No category lost money this month." />
        </Panel>
      </div>
      {months.length > 1 ? (
        <Panel title="P&L by month" className="mt-4">
          <SignedBarChart
            testId="monthly-pnl-chart"
            description="P&L after fees per month."
            bars={chronological.map((m) => ({
              label: m.month,
              value: microsToChartNumber(m.totalPnl.micros),
              display: m.totalPnl.display,
              detail: `${m.totalTrades} trades`,
            }))}
            height={200}
          />
        </Panel>
      ) : null}
      <Panel title="Series" description="Every series traded this month" className="mt-4">
        {series.length > 0 ? (
          <SeriesTable series={series} />
        ) : (
          <EmptyState title="No closed trades this month" />
        )}
      </Panel>
    </>
  );
}

function MonthTabs({ months, current }: { months: string[]; current: string }) {
  const { to } = useAccount();
  return (
    <nav aria-label="Month" className="flex flex-wrap gap-1">
      {months.slice(0, 6).map((m) => (
        <Link
          key={m}
          to={to(`?month=${m}`)}
          aria-current={m === current ? "page" : undefined}
          className={`rounded-md px-2.5 py-1 text-xs ${
            m === current ? "bg-zinc-800 text-zinc-50" : "text-zinc-400 hover:bg-zinc-900 hover:text-zinc-100"
          }`}
        >
          {m}
        </Link>
      ))}
    </nav>
  );
}

function RankedList({ groups, empty }: { groups: GroupStats[]; empty: string }) {
  if (groups.length === 0) return <p className="text-sm text-zinc-400">{empty}</p>;
  return (
    <ol className="flex flex-col gap-3">
      {groups.map((g, i) => (
        <li key={g.name} className="flex items-baseline justify-between gap-3 text-sm">
          <span className="min-w-0">
            <span className="mr-2 text-zinc-500">{i + 1}.</span>
            <span className="text-zinc-100">{g.name}</span>
            <span className="block pl-5 text-xs text-zinc-500">
              {g.trades} trades · win rate {formatFraction(g.winRate)} · ROI {formatPercent(g.roi, 1, true)}
            </span>
          </span>
          <span className={g.pnl < 0 ? "text-rose-400" : "text-emerald-400"}>{formatMicros(g.pnl)}</span>
        </li>
      ))}
    </ol>
  );
}

function SeriesTable({ series }: { series: GroupStats[] }) {
  return (
    <Table label="Series">
      <thead>
        <tr>
          <Th>Series</Th>
          <Th className="text-right">Trades</Th>
          <Th className="text-right">Won / lost</Th>
          <Th className="text-right">Invested</Th>
          <Th className="text-right">P&amp;L</Th>
          <Th className="text-right">ROI</Th>
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={s.name}>
            <Td className="font-mono text-xs text-zinc-200">{s.name}</Td>
            <Td className="text-right">{s.trades}</Td>
            <Td className="text-right">
              {s.wins} / {s.losses}
            </Td>
            <Td className="text-right">{formatMicros(s.invested)}</Td>
            <Td className={`text-right ${s.pnl < 0 ? "text-rose-400" : s.pnl > 0 ? "text-emerald-400" : ""}`}>
              {formatMicros(s.pnl)}
            </Td>
            <Td className={`text-right ${numberTone(s.roi)}`}>{formatPercent(s.roi, 1, true)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
