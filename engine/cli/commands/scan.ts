import { parseArgs } from "node:util";
import { exactDollars } from "../../risk/format.ts";
import { scanOnly } from "../../trading/run-scan.ts";
import { type Command, EXIT } from "../command.ts";
import { bold, dim, table } from "../output.ts";
import { withEngine } from "../with-engine.ts";

/** `scan --explain`: the seed's qualifying-contracts check — counts per stage, samples, criteria. */
export const scanCommand: Command = {
  name: "scan",
  summary: "scan the market cache for qualifying contracts (--explain: every stage with samples)",
  usage: "scan [--explain] [--record] [--json]",
  async run(ctx) {
    const { values } = parseArgs({
      args: ctx.args,
      options: { explain: { type: "boolean" }, record: { type: "boolean" } },
    });
    const { scanId, scan } = await withEngine(ctx, (engine) =>
      scanOnly(engine.deps, { record: values.record ?? false }),
    );
    if (ctx.json) {
      ctx.out.json({
        scanId,
        criteria: scan.event.criteria,
        stages: scan.explain,
        candidates: scan.event.candidates,
      });
      return EXIT.ok;
    }
    ctx.out.line(bold("Criteria in force"));
    for (const [k, v] of Object.entries(scan.event.criteria)) ctx.out.line(`  ${k.padEnd(24)} ${String(v)}`);
    ctx.out.line(`\n${bold("Funnel")}`);
    ctx.out.line(
      table(
        ["stage", "count", "dropped"],
        scan.explain.map((s) => [s.name, String(s.count), String(s.dropped)]),
      ),
    );
    if (values.explain) {
      for (const s of scan.explain) {
        if (!s.samples.length) continue;
        ctx.out.line(
          `\n${bold(s.name)} ${dim(`(${s.samples.length} of ${s.name === "candidates" ? s.count : s.dropped})`)}`,
        );
        for (const x of s.samples) ctx.out.line(`  ${x.ticker}  ${dim(x.reason)}`);
      }
    }
    ctx.out.line(`\n${bold("Candidates")}`);
    ctx.out.line(
      table(
        ["ticker", "side", "price", "hours", "entry depth", "exit depth", "EV/$ (history)"],
        scan.event.candidates.map((c) => [
          c.ticker,
          c.side.toUpperCase(),
          `$${exactDollars(c.price)}`,
          c.hoursToClose.toFixed(1),
          `$${exactDollars(c.entryDepth)}`,
          `$${exactDollars(c.exitDepth)}`,
          c.evPerDollarHistorical?.toFixed(4) ?? "n/a",
        ]),
      ),
    );
    return EXIT.ok;
  },
};
