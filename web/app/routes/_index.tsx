import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ModeBadge } from "../components/badges";
import { EquityChart } from "../components/charts/equity-chart";
import { SignedBarChart } from "../components/charts/signed-bar-chart";
import { EmptyState } from "../components/empty-state";
import { KillSwitch } from "../components/kill-switch";
import { KpiCard } from "../components/kpi-card";
import { MoneyText, PnlText } from "../components/money";
import { PageHeader } from "../components/page-header";
import { Panel } from "../components/panel";
import { PositionsTable } from "../components/positions-table";
import { formatDateTime, formatDay, formatFraction, microsToChartNumber, numberTone } from "../lib/format";
import { assertSameOrigin, gql, mutate } from "../lib/graphql.server";
import {
  CLOSE_POSITION_MUTATION,
  OVERVIEW_QUERY,
  PAUSE_TRADING_MUTATION,
  RESUME_TRADING_MUTATION,
} from "../lib/queries";
import type { Overview, Position } from "../lib/types";

export const meta: MetaFunction = () => [{ title: "Overview · Conviction" }];

const DAYS = 90;

export async function loader({ request }: LoaderFunctionArgs) {
  return gql<{ overview: Overview; positions: Position[] }>(request, OVERVIEW_QUERY, { days: DAYS });
}

/** The kill switch and "sell now": each form posts an intent. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const reason = String(form.get("reason") ?? "").trim();
  switch (intent) {
    case "pause": {
      if (reason.length === 0 || reason.length > 500) {
        return data({ intent, error: "Give a reason for pausing (1 to 500 characters)." }, { status: 400 });
      }
      const result = await mutate(request, PAUSE_TRADING_MUTATION, { reason });
      return result.ok ? { intent } : data({ intent, error: result.error.message }, { status: 400 });
    }
    case "resume": {
      const result = await mutate(request, RESUME_TRADING_MUTATION, { reason: reason || null });
      return result.ok ? { intent } : data({ intent, error: result.error.message }, { status: 400 });
    }
    case "close-position": {
      const tradeId = String(form.get("tradeId") ?? "");
      const result = await mutate(request, CLOSE_POSITION_MUTATION, { tradeId });
      return result.ok ? { intent } : data({ intent, error: result.error.message }, { status: 400 });
    }
    default:
      return data({ intent, error: "Unknown action." }, { status: 400 });
  }
}

export default function OverviewPage() {
  const { overview: o, positions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={<>As of {formatDateTime(o.asOf)}</>}
        actions={<ModeBadge mode={o.mode} />}
      />
      <Kpis overview={o} />
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <Panel
          title="Equity and P&L"
          description={
            o.mode === "PAPER" ? "Paper equity and cumulative realized P&L" : "Cumulative realized P&L"
          }
          className="lg:col-span-2"
        >
          {o.equityCurve.length > 0 ? (
            <EquityChart points={o.equityCurve} />
          ) : (
            <EmptyState title="No closed trades yet" testId="equity-empty">
              The curve starts with the first trade that settles or is sold.
            </EmptyState>
          )}
        </Panel>
        <Panel title="Trading state" description="The kill switch: no new trades while paused.">
          <KillSwitch state={o.tradingState} />
        </Panel>
      </div>
      <Panel title="Daily P&L" description={`Realized per day, last ${DAYS} days`} className="mt-4">
        {o.dailyPnl.length > 0 ? (
          <SignedBarChart
            testId="daily-pnl-chart"
            description={`Realized P&L on ${o.dailyPnl.length} days.`}
            bars={o.dailyPnl.map((d) => ({
              label: formatDay(d.date),
              value: microsToChartNumber(d.pnl.micros),
              display: d.pnl.display,
              detail: `${d.trades} trades, ${d.wins}W/${d.losses}L`,
            }))}
          />
        ) : (
          <EmptyState title={`No realized P&L in the last ${DAYS} days`} testId="daily-pnl-empty" />
        )}
      </Panel>
      <Panel
        title="Open positions"
        description={
          o.unpricedPositions > 0
            ? `${o.unpricedPositions} without a bid, counted at zero`
            : "Marked at our side's bid after the exit fee"
        }
        className="mt-4"
        actions={
          positions.length > 0 ? (
            <span className="text-xs text-zinc-400">
              Cost <MoneyText money={o.openCost} /> · value <MoneyText money={o.openValue} />
            </span>
          ) : null
        }
      >
        <PositionsTable positions={positions} />
      </Panel>
    </>
  );
}

function Kpis({ overview: o }: { overview: Overview }) {
  const decided = o.wins + o.losses;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <KpiCard
        id="balance"
        label="Balance"
        value={<MoneyText money={o.balance} />}
        hint={
          o.balanceSource === "UNAVAILABLE"
            ? "not reported yet"
            : o.balanceSource === "PAPER_LEDGER"
              ? "paper ledger"
              : `morning report ${formatDateTime(o.balanceAsOf)}`
        }
      />
      <KpiCard
        id="bankroll"
        label="Bankroll"
        value={<MoneyText money={o.bankroll} />}
        hint="balance + open value"
      />
      <KpiCard
        id="total-pnl"
        label="Total P&L"
        value={<PnlText money={o.totalPnl} />}
        hint={
          <>
            fees paid <MoneyText money={o.feesPaid} />
          </>
        }
      />
      <KpiCard
        id="realized-pnl"
        label="Realized P&L"
        value={<PnlText money={o.realizedPnl} />}
        hint={`${o.closedTrades} closed trades`}
      />
      <KpiCard
        id="unrealized-pnl"
        label="Unrealized P&L"
        value={<PnlText money={o.unrealizedPnl} />}
        hint="at the bid, after exit fees"
      />
      <KpiCard
        id="win-rate"
        label="Win rate"
        value={formatFraction(o.winRate)}
        hint={
          decided > 0 ? `${o.wins} won · ${o.losses} lost · ${o.stopLosses} stopped` : "no settled trades yet"
        }
      />
      <KpiCard
        id="roi"
        label="ROI"
        value={formatFraction(o.roi)}
        tone={o.roi === null ? "text-zinc-50" : numberTone(o.roi)}
        hint={
          <>
            on <MoneyText money={o.invested} /> invested
          </>
        }
      />
      <KpiCard
        id="open-positions"
        label="Open positions"
        value={o.openPositionCount}
        hint={
          <>
            cost <MoneyText money={o.openCost} />
          </>
        }
      />
    </dl>
  );
}
