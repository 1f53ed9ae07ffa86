/**
 * The report for people (a terminal table, with the CLI's own table and colour helpers) or for
 * programs (`--json`: the report object itself, money as integer micros).
 */
import { bold, dim, table } from "../../cli/output.ts";
import { cents, signedUsd, usd } from "../../risk/format.ts";
import type { BacktestReport, ReportGroup } from "./types.ts";

export type ReportFormat = "table" | "json";

const pct = (v: number | null, digits = 1): string => (v === null ? "—" : `${v.toFixed(digits)}%`);
const frac = (v: number | null, digits = 1): string => (v === null ? "—" : `${(v * 100).toFixed(digits)}%`);
const num = (v: number | null, digits = 3): string => (v === null ? "—" : v.toFixed(digits));

const sourceText = (s: BacktestReport["run"]["source"]): string =>
  s.kind === "log" ? "event log" : `${s.kind}${s.detail ? ` (${s.detail})` : ""}`;

function groupTable(groups: readonly ReportGroup[]): string {
  return table(
    ["", "trades", "won", "lost", "win rate", "invested", "P&L", "ROI"],
    groups.map((g) => [
      g.name,
      String(g.trades),
      String(g.wins),
      String(g.losses),
      frac(g.winRate),
      usd(g.invested),
      signedUsd(g.pnl),
      pct(g.roiPct),
    ]),
  );
}

function renderTable(r: BacktestReport): string {
  const s = r.summary;
  const params = Object.entries(r.run.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const out: string[] = [
    bold("Backtest"),
    `${r.run.from} → ${r.run.to} · ${sourceText(r.run.source)} · selector ${r.run.selector}`,
    `${r.run.eventsProcessed} events${params ? ` · ${params}` : ""}${r.run.aiSpent > 0 ? ` · AI spent ${usd(r.run.aiSpent)}` : ""}`,
    "",
    table(
      ["figure", "value"],
      [
        ["trades", `${s.trades} (${s.wins} won, ${s.losses} lost, ${s.voids} void, ${s.stopLosses} stopped)`],
        ["open at end", String(s.openAtEnd)],
        ["win rate", frac(s.winRate)],
        ["total P&L after fees", signedUsd(s.totalPnl)],
        ["ROI", pct(s.roiPct, 2)],
        ["fees paid", usd(s.feesPaid)],
        ["equity", `${usd(r.run.startingBalance)} → ${usd(s.finalEquity)} (${pct(s.returnPct, 2)})`],
        ["max drawdown", `${usd(s.maxDrawdown)} (${pct(s.maxDrawdownPct, 2)})`],
        ["Sharpe (daily, ×√365)", `${num(s.sharpe, 2)} over ${s.sharpeDays} days`],
        ["Brier (stated confidence)", num(r.calibration.confidence.brier, 4)],
        ["Brier (entry price)", num(r.calibration.price.brier, 4)],
      ],
    ),
  ];
  const price = r.calibration.price.buckets;
  if (price.length > 0) {
    out.push("", bold("Win rate by entry price, next to real Kalshi history"));
    out.push(
      table(
        ["price", "trades", "won", "win rate", "Kalshi win rate"],
        price.map((b) => [
          `${cents(Math.round(b.lower * 1_000_000))}–${cents(Math.round(b.upper * 1_000_000))}`,
          String(b.trades),
          String(b.wins),
          frac(b.winRate),
          frac(b.kalshiWinRate),
        ]),
      ),
    );
  }
  const confidence = r.calibration.confidence.buckets.filter((b) => b.count > 0);
  if (confidence.length > 0) {
    out.push("", bold("Win rate by stated confidence"));
    out.push(
      table(
        ["confidence", "trades", "mean stated", "won"],
        confidence.map((b) => [
          `${frac(b.lower, 0)}–${frac(b.upper, 0)}`,
          String(b.count),
          frac(b.meanProbability),
          frac(b.observedFrequency),
        ]),
      ),
    );
  }
  if (r.byCategory.length > 0) out.push("", bold("By category"), groupTable(r.byCategory));
  if (r.bySeries.length > 0) out.push("", bold("By series"), groupTable(r.bySeries));
  const sv = r.stopVsHold;
  if (sv.stopped > 0) {
    out.push("", bold("Stop-loss against hold-to-resolution"));
    out.push(
      table(
        ["stopped", "market", "result", "stop P&L", "hold P&L", "stop saved", "trade"],
        sv.trades.map((t) => [
          t.stoppedAt?.slice(0, 16).replace("T", " ") ?? "—",
          `${t.ticker} ${t.side.toUpperCase()}`,
          t.marketResult || "unsettled",
          signedUsd(t.stopPnl),
          t.holdPnl === null ? "—" : signedUsd(t.holdPnl),
          t.stopEffect === null ? "—" : signedUsd(t.stopEffect),
          t.tradeId,
        ]),
      ),
    );
    out.push(
      `Stops saved ${usd(sv.saved)} and cost ${usd(sv.cost)}: net ${signedUsd(sv.net)} over ${sv.compared} of ${sv.stopped} stopped trades whose market settled.`,
    );
  }
  out.push("", dim("Definitions: --json prints the report with its conventions."));
  return out.join("\n");
}

export function renderReport(report: BacktestReport, format: ReportFormat = "table"): string {
  return format === "json" ? JSON.stringify(report, null, 2) : renderTable(report);
}
