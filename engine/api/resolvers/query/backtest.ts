import type { ApiContext } from "../../context.ts";
import { backtestById } from "../../read/backtests.ts";

export const backtest = (_: unknown, args: { id: string }, ctx: ApiContext) =>
  backtestById(ctx.db, ctx.accountId, args.id);
