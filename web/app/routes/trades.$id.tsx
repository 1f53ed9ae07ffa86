import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { SideBadge, TradeStatusBadge } from "../components/badges";
import { MoneyText, PnlText } from "../components/money";
import { PageHeader } from "../components/page-header";
import { Panel } from "../components/panel";
import { StoryTimeline } from "../components/story-timeline";
import { useAccount } from "../lib/account";
import { formatDateTime, formatFraction, formatProbability } from "../lib/format";
import { gql } from "../lib/graphql.server";
import { TRADE_QUERY } from "../lib/queries";
import type { TradeDetail } from "../lib/types";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.trade ? `${data.trade.ticker} · Trades · Conviction` : "Trade · Conviction" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trade } = await gql<{ trade: TradeDetail | null }>(request, TRADE_QUERY, { id: params.id ?? "" });
  if (!trade) throw data({ code: "NOT_FOUND", message: `There is no trade ${params.id}.` }, { status: 404 });
  return { trade };
}

export default function TradePage() {
  const { trade: t } = useLoaderData<typeof loader>();
  const open = t.status === "OPEN" || t.status === "PENDING";
  const { to } = useAccount();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-zinc-400">
        <Link to={to("/trades")} className="hover:text-zinc-100 hover:underline">
          Trades
        </Link>{" "}
        / <span className="text-zinc-300">{t.ticker}</span>
      </nav>
      <PageHeader
        title={t.title}
        subtitle={
          <>
            {t.ticker} · {t.category} · proposed {formatDateTime(t.proposedAt)}
          </>
        }
        actions={
          <>
            <SideBadge side={t.side} />
            <TradeStatusBadge status={t.status} />
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel
          title="Story"
          description="From the event log, in order"
          className="lg:col-span-2"
          testId="trade-story"
        >
          <StoryTimeline trade={t} />
        </Panel>
        <div className="flex flex-col gap-4">
          <Panel title="Figures" testId="trade-figures">
            <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
              <Figure label={open ? "Unrealized P&L" : "Realized P&L"}>
                <PnlText money={open ? t.unrealizedPnl : t.realizedPnl} className="font-semibold" />
              </Figure>
              <Figure label="ROI">{formatFraction(t.roi)}</Figure>
              <Figure label="Allocation">
                <MoneyText money={t.allocation} />
              </Figure>
              <Figure label="Limit price">
                <MoneyText money={t.limitPrice} />
              </Figure>
              <Figure label="Entry price">
                <MoneyText money={t.entryPrice} />
              </Figure>
              <Figure label="Exit price">
                <MoneyText money={t.exitPrice} />
              </Figure>
              <Figure label="Contracts bought">{t.contractsPurchased}</Figure>
              <Figure label="Contracts sold">{t.contractsSold}</Figure>
              <Figure label="Position size">
                <MoneyText money={t.positionSize} />
              </Figure>
              <Figure label="Entry cost">
                <MoneyText money={t.entryCost} />
              </Figure>
              <Figure label="Entry fees">
                <MoneyText money={t.entryFees} />
              </Figure>
              <Figure label="Exit fees">
                <MoneyText money={t.exitFees} />
              </Figure>
              <Figure label="Exit proceeds">
                <MoneyText money={t.exitProceeds} />
              </Figure>
              <Figure label="AI confidence">{formatProbability(t.aiConfidence)}</Figure>
            </dl>
          </Panel>
          <Panel title="Market">
            {t.market ? (
              <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
                <Figure label="Status">{t.market.status}</Figure>
                <Figure label="Result">{t.market.result || "unsettled"}</Figure>
                <Figure label="Yes bid / ask">
                  <MoneyText money={t.market.yesBid} /> / <MoneyText money={t.market.yesAsk} />
                </Figure>
                <Figure label="No bid / ask">
                  <MoneyText money={t.market.noBid} /> / <MoneyText money={t.market.noAsk} />
                </Figure>
                <Figure label="Volume">{t.market.volume}</Figure>
                <Figure label="Open interest">{t.market.openInterest}</Figure>
                <Figure label="Closes">{formatDateTime(t.closeTime)}</Figure>
                <Figure label="Observed">{formatDateTime(t.market.observedAt)}</Figure>
              </dl>
            ) : (
              <p className="text-sm text-zinc-400">The market has not been observed since this trade.</p>
            )}
          </Panel>
          <Panel title="Identifiers">
            <dl className="flex flex-col gap-2 text-xs">
              <Id label="Trade">{t.id}</Id>
              <Id label="Correlation">{t.correlationId}</Id>
              <Id label="Order">{t.orderId}</Id>
              <Id label="Client order">{t.clientOrderId}</Id>
              <Id label="Decision">{t.decision?.id}</Id>
            </dl>
          </Panel>
        </div>
      </div>
    </>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="truncate text-zinc-100">{children}</dd>
    </div>
  );
}

function Id({ label, children }: { label: string; children: string | null | undefined }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="truncate font-mono text-zinc-300">{children ?? "—"}</dd>
    </div>
  );
}
