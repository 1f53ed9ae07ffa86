import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { EventStore } from "../../../events/event-store.ts";
import { parseGrid, parseSet } from "../../backtest/grid.ts";
import { runBacktest } from "../../backtest/run.ts";
import { summarize } from "../../backtest/summary.ts";
import { runSweep, type SweepResult } from "../../backtest/sweep.ts";
import type { BacktestRun, SelectorSpec, SourceSpec } from "../../backtest/types.ts";
import type { Database } from "../../db/database.ts";
import { openDatabase } from "../../db/open.ts";
import { parseDollars } from "../../money/money.ts";
import { exactDollars, signedUsd } from "../../risk/format.ts";
import { systemClock } from "../../time/clock.ts";
import { randomIds } from "../../time/random.ts";
import { type Command, type CommandContext, EXIT, UsageError } from "../command.ts";
import { bold, dim, table } from "../output.ts";
import { createProgress, type Progress } from "../progress.ts";

const DAY = 86_400_000;
const REPORT_MODULE = join(import.meta.dir, "../../backtest/report/index.ts");

/** YYYY-MM-DD is a whole UTC day: --from is its first instant, --to includes the day. */
function parseDate(text: string | undefined, name: string, inclusiveEnd: boolean): number {
  if (!text) throw new UsageError(`${name} is required (YYYY-MM-DD)`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const t = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(t)) throw new UsageError(`${name} ${JSON.stringify(text)} is not a date (YYYY-MM-DD)`);
  return dateOnly && inclusiveEnd ? t + DAY : t;
}

function parseSource(text: string, markets: string | undefined, assumeDepth: string | undefined): SourceSpec {
  if (text === "log") return { kind: "log" };
  if (text.startsWith("history:")) {
    const depth = assumeDepth === undefined ? undefined : Number(assumeDepth);
    if (depth !== undefined && !(Number.isInteger(depth) && depth > 0))
      throw new UsageError(`--assume-depth ${assumeDepth}: expected a positive whole number of contracts`);
    return { kind: "history", dir: text.slice(8), ...(depth ? { assumedDepth: depth } : {}) };
  }
  const sim = /^sim(?::(\d+))?$/.exec(text);
  if (sim) {
    const n = markets === undefined ? undefined : Number(markets);
    if (n !== undefined && !(Number.isInteger(n) && n > 0))
      throw new UsageError(`--markets ${markets}: expected a positive whole number`);
    return { kind: "sim", seed: Number(sim[1] ?? 1), ...(n ? { markets: n } : {}) };
  }
  if (text.startsWith("file:")) return { kind: "file", path: text.slice(5) };
  throw new UsageError(
    `--source ${JSON.stringify(text)}: expected log, sim[:seed], history:<dir> or file:<path>`,
  );
}

function parseSelector(text: string): SelectorSpec {
  if (text === "rules" || text === "recorded" || text === "ai") return text;
  throw new UsageError(`--selector ${JSON.stringify(text)}: expected rules, recorded or ai`);
}

interface ReportModule {
  computeReport?: (r: BacktestRun) => Promise<unknown>;
  renderReport?: (r: unknown, format?: "table" | "json") => string;
  recordBacktest?: (store: EventStore, run: BacktestRun, report: never) => Promise<string>;
}

/**
 * The full report (engine/backtest/report) when it is there: printed, and filed in the live log as
 * BacktestCompleted for the dashboard. Otherwise the run's own summary from its trades table.
 */
async function printRun(
  ctx: CommandContext,
  run: BacktestRun,
  liveDb: () => Promise<Database>,
): Promise<void> {
  const report: ReportModule = existsSync(REPORT_MODULE)
    ? ((await import(REPORT_MODULE)) as ReportModule)
    : {};
  if (report.computeReport) {
    const computed = await report.computeReport(run);
    let backtestId: string | null = null;
    if (report.recordBacktest) {
      const config = ctx.config();
      const store = new EventStore(await liveDb(), {
        clock: systemClock,
        ids: randomIds,
        accountId: config.accountId,
        actor: "backtest",
      });
      backtestId = await report.recordBacktest(store, run, computed as never);
    }
    if (ctx.json) ctx.out.json(backtestId ? { backtestId, report: computed } : computed);
    else {
      ctx.out.line(
        report.renderReport ? report.renderReport(computed, "table") : JSON.stringify(computed, null, 2),
      );
      if (backtestId) ctx.out.line(dim(`Recorded as backtest ${backtestId} (dashboard: Backtests).`));
    }
    return;
  }
  const s = await summarize(run.db, run.config.accountId);
  if (ctx.json) {
    const { db: _db, config: _config, ...figures } = run;
    ctx.out.json({ ...figures, summary: s });
    return;
  }
  ctx.out.line(
    `${bold("Backtest")} ${run.from} → ${run.to} · source ${run.source.kind} · selector ${run.selector} · ${run.eventsProcessed.toLocaleString()} events`,
  );
  ctx.out.line(
    table(
      ["trades", "won", "lost", "stopped", "open", "P&L after fees", "fees"],
      [
        [s.trades, s.wins, s.losses, s.stopped, s.open]
          .map(String)
          .concat([signedUsd(s.pnlMicros), `$${exactDollars(s.feesMicros)}`]),
      ],
    ),
  );
}

function printSweep(ctx: CommandContext, result: SweepResult): void {
  if (ctx.json) {
    ctx.out.json(result);
    return;
  }
  ctx.out.line(
    `${bold("Sweep")} ${result.cells.length} cells on ${result.workers} workers · ranked on ${result.from} → ${result.split} · out-of-sample ${result.split} → ${result.to}`,
  );
  const names = Object.keys(result.cells[0]?.parameters ?? {});
  ctx.out.line(
    table(
      ["#", ...names, "trades", "P&L in-sample", "fees", "trades OOS", "P&L out-of-sample"],
      result.cells.map((c) => [
        String(c.rank),
        ...names.map((n) => c.parameters[n] ?? ""),
        String(c.inSample.trades),
        signedUsd(c.inSample.pnlMicros),
        `$${exactDollars(c.inSample.feesMicros)}`,
        String(c.outOfSample.trades),
        signedUsd(c.outOfSample.pnlMicros),
      ]),
    ),
  );
  ctx.out.line(dim("Ranked by in-sample P&L after fees only; judge the winner by its out-of-sample column."));
}

/**
 * `backtest`: the engine's own trading path on a stretch of history (see engine/backtest/run.ts),
 * or a parameter sweep across worker processes with an out-of-sample split.
 */
export const backtestCommand: Command = {
  name: "backtest",
  summary: "run the trading engine on history (log, simulator) with rules, recorded or live AI picks",
  usage:
    "backtest --from YYYY-MM-DD --to YYYY-MM-DD [--source log|sim[:seed]|history:<dir>|file:<path>] [--markets N] [--assume-depth N] [--selector rules|recorded|ai] [--ai-budget 5.00] [--set NAME=value,…] [--sweep NAME=start:end:step,…] [--workers N] [--in-sample 0.7] [--json]",
  async run(ctx) {
    const { values } = parseArgs({
      args: ctx.args,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        source: { type: "string", default: "log" },
        markets: { type: "string" },
        "assume-depth": { type: "string" },
        selector: { type: "string", default: "rules" },
        "ai-budget": { type: "string", default: "5.00" },
        set: { type: "string" },
        sweep: { type: "string" },
        workers: { type: "string" },
        "in-sample": { type: "string", default: "0.7" },
      },
      strict: true,
    });
    const from = parseDate(values.from, "--from", false);
    const to = parseDate(values.to, "--to", true);
    if (!(to > from)) throw new UsageError("--to must not be before --from");
    const source = parseSource(values.source ?? "log", values.markets, values["assume-depth"]);
    const selector = parseSelector(values.selector ?? "rules");
    let aiBudgetMicros: number;
    let parameters: Record<string, string>;
    try {
      aiBudgetMicros = parseDollars(values["ai-budget"] ?? "5.00");
      parameters = parseSet(values.set);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const config = ctx.config();
    const needsLog = source.kind === "log" || selector === "recorded";
    let log: Database | null = needsLog ? await openDatabase(config.database) : null;
    const liveDb = async () => {
      log ??= await openDatabase(config.database);
      return log;
    };
    // --json keeps stderr quiet too: a script reading the output wants no carriage returns.
    const quiet = { isTTY: false, write: () => true };
    const progress = (unit: string, total: number) =>
      createProgress({ label: "backtest", unit, total, ...(ctx.json ? { stream: quiet } : {}) });
    try {
      if (values.sweep) {
        let cells: ReturnType<typeof parseGrid>;
        const workers = values.workers === undefined ? undefined : Number(values.workers);
        if (workers !== undefined && !(Number.isInteger(workers) && workers > 0))
          throw new UsageError(`--workers ${values.workers}: expected a positive whole number`);
        try {
          cells = parseGrid(values.sweep);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        let cellsBar: Progress | undefined;
        const result = await runSweep({
          from,
          to,
          source,
          selector,
          env: process.env,
          base: parameters,
          cells,
          ...(log ? { log } : {}),
          accountId: config.accountId,
          inSample: Number(values["in-sample"]),
          ...(workers ? { workers } : {}),
          aiBudgetMicros,
          onCellDone: (done, total) => {
            cellsBar ??= progress("cells", total);
            cellsBar.update(done);
          },
        });
        cellsBar?.done();
        printSweep(ctx, result);
        return EXIT.ok;
      }
      const HOUR = 3_600_000;
      const bar = progress("simulated hours", 0);
      const run = await runBacktest({
        from,
        to,
        source,
        selector,
        env: process.env,
        parameters,
        ...(log ? { log } : {}),
        aiBudgetMicros,
        onProgress: (p) => {
          if (bar.count === 0) bar.setTotal(Math.ceil((p.to - p.from) / HOUR));
          bar.update(Math.floor((p.now - p.from) / HOUR));
        },
      });
      bar.done();
      try {
        await printRun(ctx, run, liveDb);
      } finally {
        await run.db.close();
      }
      return EXIT.ok;
    } finally {
      await log?.close();
    }
  },
};
