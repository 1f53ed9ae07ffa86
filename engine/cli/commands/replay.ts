import { parseArgs } from "node:util";
import { openDatabase } from "../../db/open.ts";
import { rebuildAll } from "../../projections/rebuild.ts";
import { verifyProjections } from "../../projections/verify.ts";
import { type Command, EXIT } from "../command.ts";
import { bold, green, red, table } from "../output.ts";

/**
 * `replay`: rebuild every projection from the log. `replay --verify`: rebuild into a scratch
 * schema and compare with the live tables, printing "0 differences" when they agree.
 */
export const replayCommand: Command = {
  name: "replay",
  summary: "rebuild every read table from the event log (--verify: compare without touching them)",
  usage: "replay [--verify] [--json]",
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { verify: { type: "boolean" } }, strict: true });
    const db = await openDatabase(ctx.config().database);
    try {
      if (!values.verify) {
        const started = performance.now();
        let seen = 0;
        const { events } = await rebuildAll(db, {
          onBatch: (n) => {
            seen += n;
            if (!ctx.json && process.stderr.isTTY)
              process.stderr.write(`\r  replayed ${seen.toLocaleString()} events`);
          },
        });
        if (!ctx.json && process.stderr.isTTY) process.stderr.write("\n");
        const seconds = (performance.now() - started) / 1000;
        if (ctx.json) ctx.out.json({ events, seconds });
        else
          ctx.out.line(
            `${green("✓")} rebuilt every projection from ${events.toLocaleString()} events in ${seconds.toFixed(2)} s`,
          );
        return EXIT.ok;
      }
      const report = await verifyProjections(db);
      if (ctx.json) {
        ctx.out.json(report);
      } else {
        ctx.out.line(
          table(
            ["table", "only live", "only rebuilt"],
            report.differences.map((d) => [d.table, String(d.onlyLive), String(d.onlyRebuilt)]),
          ),
        );
        for (const d of report.differences) {
          for (const s of d.samples) ctx.out.line(`  ${d.table} (${s.side}): ${JSON.stringify(s.row)}`);
        }
        const verdict = `${report.totalDifferences} differences`;
        ctx.out.line(
          `\nverified up to log position ${report.position}: ${report.totalDifferences === 0 ? green(bold(verdict)) : red(bold(verdict))}`,
        );
      }
      return report.totalDifferences === 0 ? EXIT.ok : EXIT.failed;
    } finally {
      await db.close();
    }
  },
};
