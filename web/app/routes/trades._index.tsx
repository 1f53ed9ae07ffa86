import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { AccountField } from "../components/account-field";
import { EmptyState } from "../components/empty-state";
import { PageHeader } from "../components/page-header";
import { Pager } from "../components/pager";
import { Panel } from "../components/panel";
import { TradesTable } from "../components/trades-table";
import { useAccount } from "../lib/account";
import { gql } from "../lib/graphql.server";
import { currentCursor, pageSize } from "../lib/pagination";
import { TRADES_QUERY } from "../lib/queries";
import type { Connection, TradeRow, TradeSort, TradeStatus } from "../lib/types";

export const meta: MetaFunction = () => [{ title: "Trades · Conviction" }];

/** Status filters as the user thinks of them; each maps to the API's statuses. */
const FILTERS: { value: string; label: string; statuses: TradeStatus[] | null }[] = [
  { value: "", label: "All", statuses: null },
  { value: "open", label: "Open", statuses: ["PENDING", "OPEN"] },
  { value: "won", label: "Won", statuses: ["WON"] },
  { value: "lost", label: "Lost", statuses: ["LOST"] },
  { value: "stopped", label: "Stopped", statuses: ["STOPPED"] },
  { value: "closed", label: "Sold", statuses: ["CLOSED"] },
  { value: "void", label: "Void", statuses: ["VOID"] },
  { value: "rejected", label: "Rejected / failed", statuses: ["PROPOSED", "REJECTED", "FAILED"] },
];

const SORTS: { value: TradeSort; label: string }[] = [
  { value: "PROPOSED_AT_DESC", label: "Newest first" },
  { value: "PROPOSED_AT_ASC", label: "Oldest first" },
  { value: "CLOSED_AT_DESC", label: "Recently closed" },
  { value: "PNL_DESC", label: "Best P&L" },
  { value: "PNL_ASC", label: "Worst P&L" },
  { value: "CLOSE_TIME_ASC", label: "Closing soonest" },
];

function parseSort(value: string | null): TradeSort {
  return SORTS.find((s) => s.value === value)?.value ?? "PROPOSED_AT_DESC";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filter = FILTERS.find((f) => f.value === (params.get("status") ?? "")) ?? FILTERS[0];
  const sort = parseSort(params.get("sort"));
  const { trades } = await gql<{ trades: Connection<TradeRow> }>(request, TRADES_QUERY, {
    status: filter?.statuses ?? null,
    first: pageSize(params),
    after: currentCursor(params),
    sort,
  });
  return { trades, sort, status: filter?.value ?? "" };
}

export default function TradesPage() {
  const { trades, sort, status } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = status !== "";
  const { to } = useAccount();
  return (
    <>
      <PageHeader title="Trades" subtitle={`${trades.totalCount} ${filtered ? "matching" : "in total"}`} />
      <Panel title="All trades" actions={<TradeFilters status={status} sort={sort} />}>
        {trades.nodes.length > 0 ? (
          <>
            <TradesTable trades={trades.nodes} sort={sort} />
            <Pager pageInfo={trades.pageInfo} totalCount={trades.totalCount} shown={trades.nodes.length} />
          </>
        ) : filtered || params.has("c") ? (
          <EmptyState title="No trades match this filter" testId="trades-empty">
            <Link to={to("/trades")} className="text-sky-300 underline">
              Show all trades
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No trades yet" testId="trades-empty">
            The morning scan proposes trades; every one, rejected ones included, is listed here.
          </EmptyState>
        )}
      </Panel>
    </>
  );
}

/** A GET form: filters live in the URL. Changing a select submits at once once hydrated. */
function TradeFilters({ status, sort }: { status: string; sort: TradeSort }) {
  const submit = useSubmit();
  const select =
    "min-h-9 rounded-md border border-zinc-700 bg-zinc-950 px-2 text-sm text-zinc-100 focus:border-sky-500";
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2" onChange={(e) => submit(e.currentTarget)}>
      <AccountField />
      <label className="flex flex-col gap-0.5 text-xs text-zinc-400">
        Status
        <select
          key={status}
          name="status"
          defaultValue={status}
          className={select}
          data-testid="trades-status-filter"
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-400">
        Sort
        <select key={sort} name="sort" defaultValue={sort} className={select} data-testid="trades-sort">
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="min-h-9 rounded-md bg-zinc-800 px-3 text-sm">
          Apply
        </button>
      </noscript>
    </Form>
  );
}
