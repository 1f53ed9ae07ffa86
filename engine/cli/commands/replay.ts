import { parseArgs } from "node:util";
import { openDatabase } from "../../db/open.ts";
import { rebuildAll } from "../../projections/rebuild.ts";
import { verifyProjections } from "../../projections/verify.ts";
import { type Command, EXIT } from "../command.ts";
import { bold, green, red, table } from "../output.ts";
import { createProgress } from "../progress.ts";

/**
 * `replay`: rebuild every projection from the log. `replay --verify`: rebuild into a scratch
 * schema and compare with the live tables, printing "0 differences" when they agree.
 */
export const replayCommand: Command = {
  name: "replay",
  summary: "rebuild every read table from the event log (--verify: compare without touching them)",
  usage: "replay [--verify] [--json]",
  help: [
    "Every event is decoded: an unknown event type or an event failing its schema stops the replay,",
    "naming the event, before any table is touched (exit 65).",
    "--verify exits 1 when the rebuilt tables differ from the live ones.",
  ].join("\n"),
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { verify: { type: "boolean" } }, strict: true });
    const db = await openDatabase(ctx.config().database);
    try {
      if (!values.verify) {
        const started = performance.now();
        const progress = ctx.json ? null : createProgress({ unit: "events", label: "replay" });
        if (progress) {
          const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM events");
          progress.setTotal(row?.n ?? 0);
        }
        const { events } = await rebuildAll(db, { onBatch: (n) => progress?.tick(n) });
        progress?.done();
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
