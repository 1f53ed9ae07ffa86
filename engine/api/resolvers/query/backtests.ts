import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { BACKTESTS_SORT, countBacktests, listBacktests } from "../../read/backtests.ts";

export async function backtests(
  _: unknown,
  args: { first?: number | null; after?: string | null },
  ctx: ApiContext,
) {
  const limit = pageSize(args.first);
  const rows = await listBacktests(ctx.db, ctx.accountId, decodeCursor(args.after, BACKTESTS_SORT), limit);
  return toConnection(rows, limit, BACKTESTS_SORT, () => countBacktests(ctx.db, ctx.accountId));
}
