import { isJobName, JOB_NAMES } from "../../trading/jobs.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { green, red } from "../output.ts";
import { withEngine } from "../with-engine.ts";

/** `run <job>`: one scheduled job, now, through the same code the schedule runs. */
export const runJobCommand: Command = {
  name: "run",
  summary: `run one job now: ${JOB_NAMES.join(", ")}`,
  usage: `run <${JOB_NAMES.join("|")}> [--json]`,
  async run(ctx) {
    const [name] = ctx.args;
    if (!name || !isJobName(name)) throw new UsageError(`which job? one of ${JOB_NAMES.join(", ")}`);
    const result = await withEngine(ctx, (engine) => engine.scheduler.runNow(name), {
      needsLeadership: true,
    });
    if (ctx.json) ctx.out.json(result);
    else if (result.status === "ok") ctx.out.line(`${green("✓")} ${name}: ${JSON.stringify(result.result)}`);
    else if (result.status === "failed")
      ctx.out.line(`${red("✗")} ${name} failed: ${(result.error as Error)?.message ?? String(result.error)}`);
    else ctx.out.line(`${name} skipped: ${result.reason}`);
    return result.status === "failed" ? EXIT.failed : EXIT.ok;
  },
};
