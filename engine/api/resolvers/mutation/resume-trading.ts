import type { ApiContext } from "../../context.ts";
import { tradingStateRow } from "../../read/overview.ts";
import { tradingStateView } from "../../trading-state.ts";
import { checkReason } from "./pause-trading.ts";

export async function resumeTrading(_: unknown, args: { reason?: string | null }, ctx: ApiContext) {
  await ctx.control.resumeTrading(checkReason(args.reason, "resumed from the dashboard"));
  return tradingStateView(await tradingStateRow(ctx.db, ctx.accountId), ctx.clock.now());
}
