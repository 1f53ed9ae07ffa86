/** Trade rows for report tests, shaped like the `trades` projection. */
import type { ReportTradeRow } from "./trade-row.ts";

export const $ = (dollars: number): number => Math.round(dollars * 1_000_000);

let n = 0;
export function tradeRow(o: Partial<ReportTradeRow> = {}): ReportTradeRow {
  n++;
  return {
    id: `t${String(n).padStart(3, "0")}`,
    contract_id: `KXT-${n}`,
    title: `Market ${n}`,
    category: "Sports",
    series_ticker: "KXNBA",
    side: "yes",
    status: "won",
    proposed_at: "2026-03-09T12:00:00.000Z",
    executed_at: "2026-03-09T12:00:01.000Z",
    entry_odds: $(0.95),
    position_size: $(29.45),
    entry_fees: $(0.1031),
    contracts_purchased: 3100,
    exit_fees: 0,
    contracts_sold: 0,
    pnl: $(31 - 29.5531),
    ai_confidence: 0.95,
    close_time: "2026-03-10T20:00:00.000Z",
    resolved_at: "2026-03-10T21:00:00.000Z",
    ...o,
  };
}

/** A settled loss of the default position. */
export const lost = (o: Partial<ReportTradeRow> = {}) => tradeRow({ status: "lost", pnl: -$(29.5531), ...o });
