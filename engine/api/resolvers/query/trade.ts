import type { ApiContext } from "../../context.ts";

export const trade = (_: unknown, args: { id: string }, ctx: ApiContext) => ctx.loaders.trade(args.id);
