import { type GraphQLResolveInfo, Kind } from "graphql";
import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { countTrades, type TradeSort, tradePage } from "../../read/trades.ts";

interface Args {
  status?: string[] | null;
  ticker?: string | null;
  first?: number | null;
  after?: string | null;
  sort?: TradeSort | null;
}

/** Whether the query selects `totalCount` directly (through a fragment it is fetched lazily). */
const selects = (info: GraphQLResolveInfo, field: string) =>
  info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === field),
  );

export async function trades(_: unknown, args: Args, ctx: ApiContext, info: GraphQLResolveInfo) {
  const sort = args.sort ?? "PROPOSED_AT_DESC";
  const sortName = `trades:${sort}`;
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, sortName);
  const filter = { accountId: ctx.accountId, statuses: args.status, ticker: args.ticker };
  const withTotal = selects(info, "totalCount");
  const key = JSON.stringify(["trades", filter, sort, after, limit, withTotal]);
  const page = await ctx.readCache.get(key, await ctx.readVersion(), () =>
    tradePage(ctx.db, filter, sort, after, limit, withTotal),
  );
  for (const [ticker, market] of page.markets) ctx.loaders.market.prime(ticker, market);
  const total = page.total;
  return toConnection(page.rows, limit, sortName, () =>
    total === null ? countTrades(ctx.db, filter) : Promise.resolve(total),
  );
}
