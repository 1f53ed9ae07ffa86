import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SideBadge, TradeStatusBadge } from "../components/badges";
import { CalibrationChart } from "../components/charts/calibration-chart";
import { EmptyState } from "../components/empty-state";
import { MoneyText } from "../components/money";
import { PageHeader } from "../components/page-header";
import { Pager } from "../components/pager";
import { Panel } from "../components/panel";
import { Table, Td, Th } from "../components/table";
import { useAccount } from "../lib/account";
import { formatDateTime, formatFraction, formatInt, formatProbability } from "../lib/format";
import { gql } from "../lib/graphql.server";
import { currentCursor, pageSize } from "../lib/pagination";
import { DECISIONS_QUERY } from "../lib/queries";
import type { Calibration, Connection, Decision } from "../lib/types";

export const meta: MetaFunction = () => [{ title: "AI decisions · Conviction" }];

/** The calibration query's default lower bound: the engine only buys at 85¢ and up. */
const CALIBRATION_FROM = 0.8;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  return gql<{ decisions: Connection<Decision>; calibration: Calibration }>(request, DECISIONS_QUERY, {
    first: pageSize(params, 10),
    after: currentCursor(params),
  });
}

export default function DecisionsPage() {
  const { decisions, calibration } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="AI decisions"
        subtitle="Every selector run: what it saw, what it picked, why, and what it cost"
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel
          title="Calibration"
          description={
            calibration.points > 0
              ? `${calibration.points} settled predictions · Brier ${calibration.brier?.toFixed(4) ?? "—"} (0 is perfect)`
              : "Stated probability against outcome"
          }
          className="lg:col-span-2"
        >
          {calibration.points > 0 ? (
            <CalibrationChart buckets={calibration.buckets} from={CALIBRATION_FROM} />
          ) : (
            <EmptyState title="No settled predictions yet" testId="calibration-empty">
              Each pick's stated probability is scored once its market settles.
            </EmptyState>
          )}
        </Panel>
        <Panel title="By selector" description="Brier score per model and prompt">
          {calibration.byModel.length > 0 ? (
            <ul className="flex flex-col gap-3 text-sm">
              {calibration.byModel.map((g) => (
                <li
                  key={`${g.selector}-${g.model}-${g.promptVersion}`}
                  className="flex justify-between gap-3"
                >
                  <span className="min-w-0">
                    <span className="block truncate text-zinc-100">{g.model ?? g.selector}</span>
                    <span className="text-xs text-zinc-500">
                      {g.selector}
                      {g.promptVersion ? ` · prompt ${g.promptVersion}` : ""} · {g.count} settled
                    </span>
                  </span>
                  <span className="text-right">
                    <span className="block text-zinc-100">{g.brier.toFixed(4)}</span>
                    <span className="text-xs text-zinc-500">
                      said {formatFraction(g.meanProbability)}, won {formatFraction(g.observedFrequency)}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-zinc-400">Nothing scored yet.</p>
          )}
        </Panel>
      </div>
      <Panel title="Runs" description={`${decisions.totalCount} in total, newest first`} className="mt-4">
        {decisions.nodes.length > 0 ? (
          <>
            <ol className="flex flex-col gap-3" data-testid="decisions-list">
              {decisions.nodes.map((d) => (
                <DecisionCard key={d.id} decision={d} />
              ))}
            </ol>
            <Pager
              pageInfo={decisions.pageInfo}
              totalCount={decisions.totalCount}
              shown={decisions.nodes.length}
            />
          </>
        ) : (
          <EmptyState title="No selector runs yet" testId="decisions-empty">
            The daily scan hands its candidates to the selector; each run is recorded here.
          </EmptyState>
        )}
      </Panel>
    </>
  );
}

function DecisionCard({ decision: d }: { decision: Decision }) {
  return (
    <li
      data-testid="decision"
      data-decision-id={d.id}
      className="rounded-lg border border-zinc-800 bg-zinc-950/50"
    >
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-center justify-between gap-x-4 gap-y-1 p-3">
          <span className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
            <span aria-hidden="true" className="text-zinc-500 transition-transform group-open:rotate-90">
              ▸
            </span>
            <time dateTime={d.runAt} className="text-sm font-medium text-zinc-100">
              {formatDateTime(d.runAt)}
            </time>
            <span className="text-xs text-zinc-400">
              {d.model ?? d.selector} · {d.status}
            </span>
          </span>
          <span className="flex flex-wrap gap-x-4 text-xs text-zinc-400">
            <span>
              <strong className="text-zinc-100">{d.picksCount}</strong> of {d.candidatesAnalyzed} picked
            </span>
            <span>
              <MoneyText money={d.totalAllocated} /> allocated
            </span>
            <span>
              {formatInt(d.inputTokens + d.outputTokens)} tokens · <MoneyText money={d.cost} />
            </span>
          </span>
        </summary>
        <div className="flex flex-col gap-3 border-t border-zinc-800 p-3">
          {d.strategyNotes ? <p className="text-sm text-zinc-300">{d.strategyNotes}</p> : null}
          {d.picks.length > 0 ? (
            <Picks decision={d} />
          ) : (
            <p className="text-sm text-zinc-400">No picks this run.</p>
          )}
          {d.rejectionReasons.length > 0 ? (
            <div>
              <p className="text-xs font-medium text-amber-300">Validation notes</p>
              <ul className="mt-1 list-disc pl-5 text-xs text-zinc-300">
                {d.rejectionReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="text-xs text-zinc-500">
            {formatInt(d.inputTokens)} input / {formatInt(d.outputTokens)} output tokens ·{" "}
            {(d.latencyMs / 1000).toFixed(1)} s{d.promptVersion ? ` · prompt ${d.promptVersion}` : ""} ·{" "}
            {d.probabilities.length} probabilities stated
          </p>
        </div>
      </details>
    </li>
  );
}

function Picks({ decision: d }: { decision: Decision }) {
  const { to } = useAccount();
  return (
    <Table label="Picks">
      <thead>
        <tr>
          <Th>Market</Th>
          <Th>Side</Th>
          <Th className="text-right">Allocation</Th>
          <Th className="text-right">Confidence</Th>
          <Th>Reasoning and risks</Th>
          <Th>Trade</Th>
        </tr>
      </thead>
      <tbody>
        {d.picks.map((p) => {
          const trade = d.trades.find((t) => t.ticker === p.ticker);
          return (
            <tr key={`${p.ticker}-${p.side}`} data-testid="decision-pick">
              <Td className="font-mono text-xs text-zinc-200">{p.ticker}</Td>
              <Td>
                <SideBadge side={p.side} />
              </Td>
              <Td className="text-right">
                <MoneyText money={p.allocation} />
              </Td>
              <Td className="text-right">{formatProbability(p.confidence)}</Td>
              <Td className="max-w-md text-xs whitespace-normal text-zinc-300">
                {p.reasoning}
                {p.riskFactors.length > 0 ? (
                  <span className="mt-1 block text-zinc-500">Risks: {p.riskFactors.join("; ")}</span>
                ) : null}
              </Td>
              <Td>
                {trade ? (
                  <Link
                    to={to(`/trades/${encodeURIComponent(trade.id)}`)}
                    className="inline-flex items-center gap-1"
                  >
                    <TradeStatusBadge status={trade.status} />
                  </Link>
                ) : (
                  <span className="text-xs text-zinc-500">—</span>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
