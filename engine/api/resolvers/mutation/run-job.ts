import type { ApiContext } from "../../context.ts";
import { badInput } from "../../errors.ts";

export async function runJob(_: unknown, args: { name: string }, ctx: ApiContext) {
  const jobs = ctx.control.jobNames();
  if (!jobs.includes(args.name))
    throw badInput(`There is no job named ${JSON.stringify(args.name)}. Jobs: ${jobs.join(", ")}.`, {
      jobs: [...jobs],
    });
  const run = await ctx.control.runJob(args.name);
  switch (run.status) {
    case "skipped":
      return { job: run.job, status: "skipped", message: run.reason };
    case "failed":
      return {
        job: run.job,
        status: "failed",
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        durationMs: run.finishedAt - run.startedAt,
        message: run.error instanceof Error ? run.error.message : String(run.error),
      };
    case "ok":
      return {
        job: run.job,
        status: "ok",
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        durationMs: run.finishedAt - run.startedAt,
        message: null,
      };
  }
}
