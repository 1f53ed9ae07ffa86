import { Link, useFetcher } from "@remix-run/react";
import { useAccount } from "../lib/account";
import { formatDateTime, formatPercent, pnlTone } from "../lib/format";
import type { Position } from "../lib/types";
import { SideBadge } from "./badges";
import { EmptyState } from "./empty-state";
import { MoneyText, PnlText } from "./money";
import { Table, Td, Th, WIDE_ONLY } from "./table";

/** Open positions marked at our side's bid after the exit fee; refreshed live with the page. */
export function PositionsTable({ positions }: { positions: Position[] }) {
  const { to } = useAccount();
  if (positions.length === 0) {
    return (
      <EmptyState title="No open positions" testId="positions-empty">
        The morning scan opens up to three a day; they appear here until they resolve or are sold.
      </EmptyState>
    );
  }
  return (
    <Table label="Open positions" testId="positions-table">
      <thead>
        <tr>
          <Th>Market</Th>
          <Th className={WIDE_ONLY}>Side</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Contracts</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Entry</Th>
          <Th className="text-right">Bid</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Value</Th>
          <Th className="text-right">Unrealized</Th>
          <Th className={WIDE_ONLY}>Closes</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {positions.map((p) => (
          <tr
            key={p.tradeId}
            data-testid="position-row"
            data-trade-id={p.tradeId}
            className="hover:bg-zinc-800/30"
          >
            <Td className="max-w-44 sm:max-w-64">
              <Link
                to={to(`/trades/${encodeURIComponent(p.tradeId)}`)}
                className="block truncate text-zinc-100 hover:underline"
              >
                {p.title}
              </Link>
              <span className="block text-xs text-zinc-500">{p.ticker}</span>
              <span className="block text-xs text-zinc-500 md:hidden">
                {p.side} · {p.contracts} @ {p.entryPrice?.display ?? "—"}
              </span>
            </Td>
            <Td className={WIDE_ONLY}>
              <SideBadge side={p.side} />
            </Td>
            <Td className={`text-right ${WIDE_ONLY}`}>{p.contracts}</Td>
            <Td className={`text-right ${WIDE_ONLY}`}>
              <MoneyText money={p.entryPrice} />
            </Td>
            <Td className="text-right">
              <MoneyText money={p.bid} />
            </Td>
            <Td className={`text-right ${WIDE_ONLY}`}>
              <MoneyText money={p.marketValue} />
            </Td>
            <Td className="text-right" data-testid="position-unrealized">
              <PnlText money={p.unrealizedPnl} />
              <div className={`text-xs ${pnlTone(p.unrealizedPnl)}`}>
                {p.unrealizedPnl ? formatPercent(p.unrealizedPnlPct, 1, true) : "unpriced"}
              </div>
            </Td>
            <Td className={`whitespace-nowrap text-xs text-zinc-400 ${WIDE_ONLY}`}>
              {formatDateTime(p.closeTime)}
            </Td>
            <Td>
              <ClosePositionButton tradeId={p.tradeId} title={p.title} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Sells now at the bid; asks first, because it realizes a loss or gives up the rest of a win. */
function ClosePositionButton({ tradeId, title }: { tradeId: string; title: string }) {
  const fetcher = useFetcher<{ error?: string }>();
  const busy = fetcher.state !== "idle";
  const { to } = useAccount();
  return (
    <fetcher.Form
      method="post"
      action={to("/?index")}
      onSubmit={(event) => {
        if (!window.confirm(`Sell "${title}" now at the bid?`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="close-position" />
      <input type="hidden" name="tradeId" value={tradeId} />
      <button
        type="submit"
        disabled={busy}
        data-testid="close-position"
        className="rounded-md border border-zinc-700 px-2.5 py-1 text-xs text-zinc-200 hover:border-rose-500 hover:text-rose-200 disabled:opacity-60"
      >
        {busy ? "Selling…" : "Sell now"}
      </button>
      {fetcher.data?.error ? (
        <p role="alert" className="mt-1 max-w-40 text-xs text-rose-300">
          {fetcher.data.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
