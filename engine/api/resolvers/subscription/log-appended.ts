import { filter, map, pipe } from "graphql-yoga";
import type { ApiContext } from "../../context.ts";
import type { LogBatch } from "../../live/feed.ts";

interface Args {
  stream?: string | null;
  type?: string | null;
}

/**
 * Each committed batch, narrowed to the request's account (market observations are everyone's) and
 * the subscriber's filters; an empty batch is not sent.
 */
export const logAppended = {
  subscribe: async (_: unknown, args: Args, ctx: ApiContext) => {
    await ctx.feed.ensureStarted();
    return pipe(
      ctx.feed.log.subscribe(),
      map((b: LogBatch) => ({
        ...b,
        events: b.events.filter(
          (e) =>
            (e.metadata.accountId === ctx.accountId || e.type === "MarketObserved") &&
            (!args.stream || e.streamId === args.stream) &&
            (!args.type || e.type === args.type),
        ),
      })),
      filter((b: LogBatch) => b.events.length > 0 || b.truncated),
    );
  },
  resolve: (batch: LogBatch) => batch,
};
