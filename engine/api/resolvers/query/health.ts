import type { ApiContext } from "../../context.ts";
import type { HealthReport } from "../../control.ts";

/** Ready: the database answers, the exchange is not down, and this instance leads (runs the jobs). */
export const isReady = (h: HealthReport): boolean =>
  h.database.status === "ok" && h.exchange.status !== "down" && h.leader;

export async function health(_: unknown, __: unknown, ctx: ApiContext) {
  const report = await ctx.control.health();
  return { ...report, ready: isReady(report), jobs: [...ctx.control.jobNames()] };
}
