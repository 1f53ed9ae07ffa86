import { openDatabase } from "../../db/open.ts";
import { signedUsd, usd } from "../../risk/format.ts";
import { systemClock } from "../../time/clock.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { bold, dim, green, red, table, yellow } from "../output.ts";
import { readStatus, type StatusReport } from "../status/read-status.ts";

const contracts = (centis: number) => (centis / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });

export function formatStatus(s: StatusReport): string {
  const state = s.tradingState;
  const stateText =
    state.status === "running"
      ? green("running")
      : `${(state.status === "breaker" ? red : yellow)(state.status === "breaker" ? `circuit breaker ${state.breaker ?? ""}`.trim() : "paused")}: ${state.reason ?? ""}${state.pausedUntil ? ` (until ${state.pausedUntil})` : " (until resumed)"}`;
  const leader = !s.leaderKnown
    ? dim("unknown (this database cannot show locks)")
    : s.leader
      ? `${green("engine running")} · pid ${s.leader.pid}${s.leader.since ? ` since ${s.leader.since}` : ""}${s.leader.client ? ` from ${s.leader.client}` : ""}`
      : yellow("no engine leads this account");
  const lines = [
    `${bold("Conviction")} · account ${s.accountId} · ${s.mode} · ${dim(s.asOf)}`,
    "",
    `${bold("Trading")}          ${stateText}`,
    `${bold("Leader")}           ${leader}`,
    `${bold("Today")}            ${s.today.day}: ${usd(s.today.remainingBudget)} of ${usd(s.today.dailyBudget)} budget left, ${s.today.tradesRemaining} of ${s.today.trades + s.today.tradesRemaining} trades left`,
    `${bold("Exposure")}         ${usd(s.exposure)} in ${s.openPositions.length} open position${s.openPositions.length === 1 ? "" : "s"}, worth ${usd(s.openValue)} now${s.unpricedPositions ? yellow(` (${s.unpricedPositions} unpriced)`) : ""}`,
    `${bold("Projection lag")}   ${s.projectionLag === 0 ? green("0 events") : yellow(`${s.projectionLag} events behind`)}`,
  ];
  if (s.openPositions.length) {
    lines.push("", bold("Open positions"));
    lines.push(
      table(
        ["trade", "market", "side", "contracts", "cost", "value", "P&L", "closes"],
        s.openPositions.map((p) => [
          p.tradeId,
          p.ticker,
          p.side.toUpperCase(),
          contracts(p.contracts),
          usd(p.entryCost),
          p.marketValue === null ? "unpriced" : usd(p.marketValue),
          p.unrealizedPnl === null ? "—" : signedUsd(p.unrealizedPnl),
          p.closeTime,
        ]),
      ),
    );
  }
  lines.push("", bold("Jobs"));
  lines.push(
    table(
      ["job", "last recorded", "what", "next run", "last error"],
      s.jobs.map((j) => [
        j.job,
        j.lastRecorded ?? dim("never"),
        dim(j.evidence),
        j.nextRun ?? "—",
        j.lastError ? red(j.lastError) : "",
      ]),
    ),
  );
  return lines.join("\n");
}

/** `status`: the engine's state at a glance, from the database (works whether an engine runs or not). */
export const statusCommand: Command = {
  name: "status",
  summary: "trading state, leader, open positions and exposure, today's budget, jobs, projection lag",
  usage: "status [--json]",
  help: [
    "Reads the database only: it starts no engine, takes no leadership and asks no exchange.",
    "Amounts in --json are integer micros. Exit 0 when trading runs, 1 when paused or tripped.",
  ].join("\n"),
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected ${ctx.args.join(" ")}`);
    const db = await openDatabase(ctx.config().database);
    try {
      const report = await readStatus(db, ctx.config(), systemClock);
      if (ctx.json) ctx.out.json(report);
      else ctx.out.line(formatStatus(report));
      return report.tradingState.status === "running" ? EXIT.ok : EXIT.failed;
    } finally {
      await db.close();
    }
  },
};
