import type { ApiContext } from "../../context.ts";
import { markPosition } from "../../positions.ts";
import { openTradesWithMarkets } from "../../read/trades.ts";

/** Not paginated: open positions are bounded by the risk limits (trades per day × days held). */
export async function positions(_: unknown, __: unknown, ctx: ApiContext) {
  const open = await openTradesWithMarkets(ctx.db, ctx.accountId);
  return open.map(({ trade, market }) => markPosition(trade, market));
}
