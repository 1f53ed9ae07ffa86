import { listAccounts } from "../../account/known.ts";
import type { ApiContext } from "../../context.ts";

/** Every account the projections know; which one this engine serves and which one the request reads. */
export async function accounts(_: unknown, __: unknown, ctx: ApiContext) {
  const served = ctx.config.accountId;
  const version = await ctx.readVersion();
  const known = await ctx.readCache.get(`accounts:${served}`, version, () => listAccounts(ctx.db, served));
  return known.map((a) => ({
    id: a.id,
    servedHere: a.id === served,
    selected: a.id === ctx.accountId,
    tradeCount: a.trades,
  }));
}
