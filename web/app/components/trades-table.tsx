import { Link, useSearchParams } from "@remix-run/react";
import { useAccount } from "../lib/account";
import { formatDateTimeShort, formatFraction, formatProbability } from "../lib/format";
import { withParam } from "../lib/pagination";
import type { TradeRow, TradeSort } from "../lib/types";
import { SideBadge, TradeStatusBadge } from "./badges";
import { MoneyText, PnlText } from "./money";
import { Table, Td, Th, WIDE_ONLY } from "./table";

/** A sortable column: which sort a click asks for, given the current one. */
interface SortableColumn {
  label: string;
  /** Clicking cycles between these (first = default direction). */
  sorts: [TradeSort, ...TradeSort[]];
  align?: "right";
  /** Hidden on a phone. */
  wide?: boolean;
}

const COLUMNS: Record<"proposed" | "closeTime" | "closed" | "pnl", SortableColumn> = {
  proposed: { label: "Proposed (UTC)", sorts: ["PROPOSED_AT_DESC", "PROPOSED_AT_ASC"], wide: true },
  closeTime: { label: "Closes", sorts: ["CLOSE_TIME_ASC"], wide: true },
  closed: { label: "Closed", sorts: ["CLOSED_AT_DESC"], wide: true },
  pnl: { label: "P&L", sorts: ["PNL_DESC", "PNL_ASC"], align: "right" },
};

function SortHeader({ column, sort }: { column: SortableColumn; sort: TradeSort }) {
  const [params] = useSearchParams();
  const index = column.sorts.indexOf(sort);
  const active = index >= 0;
  const next = active ? column.sorts[(index + 1) % column.sorts.length] : column.sorts[0];
  const descending = sort.endsWith("_DESC");
  const ariaSort = active ? (descending ? "descending" : "ascending") : "none";
  return (
    <Th
      aria-sort={ariaSort}
      className={`${column.align === "right" ? "text-right" : ""} ${column.wide ? WIDE_ONLY : ""}`}
    >
      <Link
        to={withParam(params, "sort", next ?? column.sorts[0])}
        preventScrollReset
        className={`inline-flex items-center gap-1 hover:text-zinc-100 ${active ? "text-zinc-100" : ""}`}
      >
        {column.label}
        <span aria-hidden="true" className="text-[10px]">
          {active ? (descending ? "▼" : "▲") : "↕"}
        </span>
      </Link>
    </Th>
  );
}

/** Trades, one row each; P&L is realized once closed, marked at the bid while open. */
export function TradesTable({ trades, sort }: { trades: TradeRow[]; sort: TradeSort }) {
  const { to } = useAccount();
  return (
    <Table label="Trades" testId="trades-table">
      <thead>
        <tr>
          <SortHeader column={COLUMNS.proposed} sort={sort} />
          <Th>Market</Th>
          <Th className={WIDE_ONLY}>Side</Th>
          <Th>Status</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Contracts @ entry</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>Cost</Th>
          <SortHeader column={COLUMNS.pnl} sort={sort} />
          <Th className="text-right">ROI</Th>
          <Th className={`text-right ${WIDE_ONLY}`}>AI conf.</Th>
          <SortHeader column={COLUMNS.closeTime} sort={sort} />
          <SortHeader column={COLUMNS.closed} sort={sort} />
        </tr>
      </thead>
      <tbody>
        {trades.map((t) => {
          const open = t.status === "OPEN" || t.status === "PENDING";
          return (
            <tr
              key={t.id}
              data-testid="trade-row"
              data-trade-id={t.id}
              data-status={t.status}
              className="hover:bg-zinc-800/30"
            >
              <Td className={`whitespace-nowrap text-xs text-zinc-400 ${WIDE_ONLY}`}>
                {formatDateTimeShort(t.proposedAt)}
              </Td>
              <Td className="max-w-52 sm:max-w-64">
                <Link
                  to={to(`/trades/${encodeURIComponent(t.id)}`)}
                  className="block truncate text-zinc-100 hover:underline"
                  data-testid="trade-link"
                >
                  {t.title}
                </Link>
                <span className="block truncate text-xs text-zinc-500">
                  {t.ticker} · {t.category}
                </span>
                {/* What the hidden columns said, on a phone. */}
                <span className="block text-xs text-zinc-500 md:hidden">
                  {t.side} · {formatDateTimeShort(t.proposedAt)} UTC
                </span>
              </Td>
              <Td className={WIDE_ONLY}>
                <SideBadge side={t.side} />
              </Td>
              <Td>
                <TradeStatusBadge status={t.status} />
              </Td>
              <Td className={`text-right whitespace-nowrap ${WIDE_ONLY}`}>
                {t.entryPrice ? (
                  <>
                    {t.contractsPurchased} <span className="text-zinc-500">@</span>{" "}
                    <MoneyText money={t.entryPrice} />
                  </>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </Td>
              <Td className={`text-right ${WIDE_ONLY}`}>
                <MoneyText money={t.entryCost} />
              </Td>
              <Td className="text-right">
                {open ? (
                  <span title="Unrealized, at the bid after the exit fee">
                    <PnlText money={t.unrealizedPnl} />
                    <span className="ml-1 text-[10px] text-zinc-500">open</span>
                  </span>
                ) : (
                  <PnlText money={t.realizedPnl} />
                )}
              </Td>
              <Td className="text-right text-zinc-300">{formatFraction(t.roi)}</Td>
              <Td className={`text-right text-zinc-300 ${WIDE_ONLY}`}>{formatProbability(t.aiConfidence)}</Td>
              <Td className={`whitespace-nowrap text-xs text-zinc-400 ${WIDE_ONLY}`}>
                {formatDateTimeShort(t.closeTime)}
              </Td>
              <Td className={`whitespace-nowrap text-xs text-zinc-400 ${WIDE_ONLY}`}>
                {formatDateTimeShort(t.closedAt)}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
