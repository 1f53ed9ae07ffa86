import type { ApiContext } from "../../context.ts";
import { conflict, notFound } from "../../errors.ts";
import { tradesByIds } from "../../read/trades.ts";

export async function closePosition(_: unknown, args: { tradeId: string }, ctx: ApiContext) {
  const [trade] = await tradesByIds(ctx.db, ctx.accountId, [args.tradeId]);
  if (!trade) throw notFound(`Trade ${args.tradeId}`);
  if (trade.status !== "open" || trade.contracts_purchased <= trade.contracts_sold)
    throw conflict(`Trade ${args.tradeId} is ${trade.status}: only an open position can be closed.`);
  const closed = await ctx.control.closePosition(args.tradeId);
  // null: the stop-loss path (or another click) is selling it right now.
  if (!closed) throw conflict(`Trade ${args.tradeId} is already being closed.`);
  return closed;
}
