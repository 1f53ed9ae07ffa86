import { parseArgs } from "node:util";
import { exactDollars } from "../../risk/format.ts";
import { runScan } from "../../trading/run-scan.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { bold, dim } from "../output.ts";
import { withEngine } from "../with-engine.ts";

/** `analyze --dry-run`: candidates, the selector's picks and reasoning, without trading (the seed's AI test). */
export const analyzeCommand: Command = {
  name: "analyze",
  summary: "scan and ask the selector (AI or rules) for picks, without trading",
  usage: "analyze --dry-run [--json]",
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { "dry-run": { type: "boolean" } } });
    if (!values["dry-run"])
      throw new UsageError("analyze only runs as --dry-run; trading happens in the daily scan");
    const run = await withEngine(ctx, (engine) => runScan(engine.deps, { dryRun: true }));
    const a = run.analysis;
    if (ctx.json) {
      ctx.out.json({ candidates: run.scan.event.candidates, analysis: a });
      return EXIT.ok;
    }
    ctx.out.line(
      `${bold("Selector")} ${a.selector} (${a.status})${a.model ? ` · ${a.model} · prompt ${a.promptVersion}` : ""}`,
    );
    ctx.out.line(
      `${run.scan.event.candidates.length} candidates · ${a.inputTokens}+${a.outputTokens} tokens · $${exactDollars(a.cost)}`,
    );
    for (const r of a.rejectionReasons) ctx.out.line(dim(`  note: ${r}`));
    ctx.out.line(`\n${bold("Picks")}${a.selections.length ? "" : " — none"}`);
    for (const s of a.selections) {
      ctx.out.line(
        `  ${s.ticker} ${s.side.toUpperCase()} $${exactDollars(s.allocation)} · confidence ${s.confidence.toFixed(2)}`,
      );
      ctx.out.line(dim(`    ${s.reasoning}`));
      if (s.riskFactors.length) ctx.out.line(dim(`    risks: ${s.riskFactors.join("; ")}`));
    }
    if (a.strategyNotes) ctx.out.line(`\n${bold("Strategy notes")}\n  ${a.strategyNotes}`);
    return EXIT.ok;
  },
};
