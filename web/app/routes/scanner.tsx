import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { AccountField } from "../components/account-field";
import { SideBadge } from "../components/badges";
import { FunnelChart } from "../components/charts/funnel-chart";
import { EmptyState } from "../components/empty-state";
import { MoneyText } from "../components/money";
import { PageHeader } from "../components/page-header";
import { Panel } from "../components/panel";
import { Table, Td, Th, WIDE_ONLY } from "../components/table";
import { formatDateTime, formatFraction, formatHours, formatInt, formatProbability } from "../lib/format";
import { assertSameOrigin, gql, mutate } from "../lib/graphql.server";
import { RUN_SCAN_MUTATION, SCAN_QUERY } from "../lib/queries";
import type { Candidate, Scan, ScanRun, ScanSummary } from "../lib/types";

export const meta: MetaFunction = () => [{ title: "Scanner · Conviction" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const id = new URL(request.url).searchParams.get("scan");
  return gql<{ scan: Scan | null; scans: { nodes: ScanSummary[] } }>(request, SCAN_QUERY, { id: id || null });
}

/** A dry run: scan and selector, nothing recorded, no orders. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await mutate<{ runScan: ScanRun }>(request, RUN_SCAN_MUTATION, { dryRun: true });
  if (!result.ok) return data({ error: result.error.message, run: null }, { status: 400 });
  return { error: null, run: result.data.runScan };
}

export default function ScannerPage() {
  const { scan, scans } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const running = navigation.state === "submitting" && navigation.formMethod === "POST";
  const run = actionData?.run ?? null;
  const shown = run?.scan ?? scan;

  return (
    <>
      <PageHeader
        title="Scanner"
        subtitle="Which contracts qualify, stage by stage"
        actions={
          <Form method="post">
            <button
              type="submit"
              disabled={running}
              data-testid="run-dry-scan"
              className="inline-flex min-h-10 items-center rounded-md bg-sky-600 px-4 text-sm font-semibold text-white hover:bg-sky-500 disabled:cursor-wait disabled:opacity-60"
            >
              {running ? "Scanning…" : "Run dry scan"}
            </button>
          </Form>
        }
      />
      {actionData?.error ? (
        <p
          role="alert"
          className="mb-4 rounded-md border border-rose-900 bg-rose-950/50 px-3 py-2 text-sm text-rose-200"
        >
          {actionData.error}
        </p>
      ) : null}
      {running ? (
        <p role="status" className="mb-4 text-sm text-zinc-400">
          Scanning the catalog and asking the selector; this can take up to a minute.
        </p>
      ) : null}
      {run ? <DryRunResult run={run} /> : null}
      {shown ? (
        <ScanView scan={shown} scans={run ? [] : scans.nodes} dryRun={run !== null} />
      ) : (
        <EmptyState title="No scan yet" testId="scan-empty">
          The daily scan runs on its schedule; run a dry scan to see what would qualify right now.
        </EmptyState>
      )}
    </>
  );
}

function ScanView({ scan, scans, dryRun }: { scan: Scan; scans: ScanSummary[]; dryRun: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel
          title="Funnel"
          description={`${dryRun ? "Dry run" : "Scan"} at ${formatDateTime(scan.scannedAt)}`}
          className="lg:col-span-2"
          actions={scans.length > 1 ? <ScanPicker scans={scans} current={scan.id} /> : null}
        >
          {scan.stages.length > 0 ? (
            <FunnelChart stages={scan.stages} />
          ) : (
            <EmptyState title="This scan recorded no stages" />
          )}
        </Panel>
        <Panel title="Criteria">
          <dl className="flex flex-col gap-2 text-sm">
            {scan.criteria.map((c) => (
              <div key={c.name} className="flex justify-between gap-3">
                <dt className="text-zinc-400">{c.name}</dt>
                <dd className="text-right text-zinc-100">{c.value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      </div>
      <Panel title="Candidates" description={`${scan.candidateCount} qualified`}>
        {scan.candidates.length > 0 ? (
          <CandidatesTable candidates={scan.candidates} />
        ) : (
          <EmptyState title="Nothing qualified" testId="candidates-empty">
            No market passed every stage of this scan.
          </EmptyState>
        )}
      </Panel>
    </div>
  );
}

function ScanPicker({ scans, current }: { scans: ScanSummary[]; current: string }) {
  const submit = useSubmit();
  return (
    <Form method="get" onChange={(e) => submit(e.currentTarget)}>
      <AccountField />
      <label className="flex items-center gap-2 text-xs text-zinc-400">
        Scan
        <select
          key={current}
          name="scan"
          defaultValue={current}
          className="min-h-8 rounded-md border border-zinc-700 bg-zinc-950 px-2 text-xs text-zinc-100"
        >
          {scans.map((s) => (
            <option key={s.id} value={s.id}>
              {formatDateTime(s.scannedAt)} · {s.candidateCount}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit">Show</button>
      </noscript>
    </Form>
  );
}

function CandidatesTable({ candidates }: { candidates: Candidate[] }) {
  return (
    <Table label="Candidates" testId="candidates-table">
      <thead>
        <tr>
          <Th>Market</Th>
          <Th className={WIDE_ONLY}>Side</Th>
          <Th className="text-right">Price</Th>
          <Th className="text-right">Closes in</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Entry depth</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Exit depth</Th>
          <Th className="text-right">EV / $ after fees</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Hist. win rate</Th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((c) => (
          <tr key={`${c.ticker}-${c.side}`} data-testid="candidate-row">
            <Td className="max-w-44 sm:max-w-72">
              <span className="block truncate text-zinc-100">{c.title}</span>
              <span className="block truncate text-xs text-zinc-500">
                {c.ticker} · {c.category}
              </span>
              <span className="block text-xs text-zinc-500 md:hidden">{c.side}</span>
            </Td>
            <Td className={WIDE_ONLY}>
              <SideBadge side={c.side} />
            </Td>
            <Td className="text-right">
              <MoneyText money={c.price} />
            </Td>
            <Td className="text-right" title={formatDateTime(c.closeTime)}>
              {formatHours(c.hoursToClose)}
            </Td>
            <Td className={`text-right ${WIDE_ONLY}`}>
              <MoneyText money={c.entryDepth} />
            </Td>
            <Td className={`text-right ${WIDE_ONLY}`}>
              <MoneyText money={c.exitDepth} />
            </Td>
            <Td className="text-right">{formatFraction(c.evPerDollarAfterFees, 2)}</Td>
            <Td className={`text-right ${WIDE_ONLY}`}>{formatFraction(c.historicalWinRate)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function DryRunResult({ run }: { run: ScanRun }) {
  const d = run.decision;
  return (
    <Panel
      title="Dry run: what the selector would pick"
      description={`${d.selector}${d.model ? ` · ${d.model}` : ""} · ${d.status} · nothing was recorded or ordered`}
      className="mb-4 border-sky-900"
      testId="dry-run-result"
    >
      {d.strategyNotes ? <p className="mb-3 text-sm text-zinc-300">{d.strategyNotes}</p> : null}
      {d.picks.length > 0 ? (
        <ul className="flex flex-col gap-2">
          {d.picks.map((p) => (
            <li key={`${p.ticker}-${p.side}`} className="rounded-md border border-zinc-800 p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs text-zinc-200">{p.ticker}</span>
                <SideBadge side={p.side} />
                <MoneyText money={p.allocation} className="text-zinc-100" />
                <span className="text-xs text-zinc-400">{formatProbability(p.confidence)} confident</span>
              </div>
              <p className="mt-1 text-xs text-zinc-300">{p.reasoning}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-400">The selector would pick nothing from these candidates.</p>
      )}
      <p className="mt-3 text-xs text-zinc-500">
        {d.candidatesAnalyzed} candidates · {formatInt(d.inputTokens)} in / {formatInt(d.outputTokens)} out
        tokens · <MoneyText money={d.cost} /> · {(d.latencyMs / 1000).toFixed(1)} s
      </p>
    </Panel>
  );
}
