import type { ApiContext } from "../../context.ts";
import { computeOverview } from "../../overview.ts";
import { checkDays } from "../query/overview.ts";

/** After the projections have applied new events: the overview, recomputed for this subscriber. */
export const overviewChanged = {
  subscribe: async (_: unknown, args: { days?: number | null }, ctx: ApiContext) => {
    checkDays(args.days);
    await ctx.feed.ensureStarted();
    return ctx.feed.projected.subscribe();
  },
  resolve: (_head: string, args: { days?: number | null }, ctx: ApiContext) =>
    computeOverview(ctx, checkDays(args.days)),
};
