import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AccountField } from "../components/account-field";
import { EmptyState } from "../components/empty-state";
import { JsonView } from "../components/json-view";
import { PageHeader } from "../components/page-header";
import { Pager } from "../components/pager";
import { Panel } from "../components/panel";
import { useAccount } from "../lib/account";
import { formatDateTime } from "../lib/format";
import { gql } from "../lib/graphql.server";
import { currentCursor, pageSize } from "../lib/pagination";
import { ERRORS_QUERY } from "../lib/queries";
import type { Connection, ErrorLog } from "../lib/types";

export const meta: MetaFunction = () => [{ title: "Logs · Conviction" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const source = params.get("source")?.trim() || null;
  const { errors } = await gql<{ errors: Connection<ErrorLog> }>(request, ERRORS_QUERY, {
    source,
    first: pageSize(params),
    after: currentCursor(params),
  });
  return { errors, source };
}

export default function LogsPage() {
  const { errors, source } = useLoaderData<typeof loader>();
  const { to } = useAccount();
  return (
    <>
      <PageHeader title="Logs" subtitle="Errors the engine recorded and survived, newest first" />
      <Panel
        title="Errors"
        description={`${errors.totalCount} ${source ? `from ${source}` : "in total"}`}
        actions={<SourceFilter source={source} />}
      >
        {errors.nodes.length > 0 ? (
          <>
            <ol className="flex flex-col gap-3" data-testid="error-list">
              {errors.nodes.map((e) => (
                <ErrorEntry key={e.id} error={e} />
              ))}
            </ol>
            <Pager pageInfo={errors.pageInfo} totalCount={errors.totalCount} shown={errors.nodes.length} />
          </>
        ) : source ? (
          <EmptyState title={`No errors from “${source}”`} testId="errors-empty">
            <Link to={to("/logs")} className="text-sky-300 underline">
              Show every source
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No errors recorded" testId="errors-empty">
            Exchange hiccups, AI repairs and failed notifications show up here with their context.
          </EmptyState>
        )}
      </Panel>
    </>
  );
}

function SourceFilter({ source }: { source: string | null }) {
  return (
    <Form method="get" role="search" className="flex items-end gap-2">
      <AccountField />
      <label className="flex flex-col gap-0.5 text-xs text-zinc-400">
        Source
        <input
          key={source}
          name="source"
          defaultValue={source ?? ""}
          placeholder="e.g. ai, refresh-markets"
          className="min-h-9 w-48 rounded-md border border-zinc-700 bg-zinc-950 px-2 text-sm text-zinc-100 placeholder:text-zinc-600"
        />
      </label>
      <button
        type="submit"
        className="min-h-9 rounded-md bg-zinc-800 px-3 text-sm text-zinc-100 hover:bg-zinc-700"
      >
        Filter
      </button>
    </Form>
  );
}

function ErrorEntry({ error: e }: { error: ErrorLog }) {
  return (
    <li data-testid="error-entry" className="rounded-lg border border-zinc-800 bg-zinc-950/50 p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="rounded bg-rose-950 px-1.5 py-0.5 font-mono text-xs text-rose-200">{e.source}</span>
        <time dateTime={e.at} className="text-xs text-zinc-500">
          {formatDateTime(e.at)}
        </time>
      </div>
      <p className="mt-1.5 text-sm break-words text-zinc-100">{e.message}</p>
      <JsonView value={e.context} summary="Context" testId="error-context" />
      {e.stack ? (
        <details className="mt-2 rounded-md border border-zinc-800 bg-zinc-950/60">
          <summary className="cursor-pointer px-3 py-1.5 text-xs text-zinc-400 hover:text-zinc-200">
            Stack
          </summary>
          <pre className="max-h-72 overflow-auto border-t border-zinc-800 px-3 py-2 text-xs text-zinc-400">
            {e.stack}
          </pre>
        </details>
      ) : null}
    </li>
  );
}
