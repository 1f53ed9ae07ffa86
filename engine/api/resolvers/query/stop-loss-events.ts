import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { countStopLosses, listStopLosses, STOPS_SORT } from "../../read/stop-losses.ts";

export async function stopLossEvents(
  _: unknown,
  args: { first?: number | null; after?: string | null },
  ctx: ApiContext,
) {
  const limit = pageSize(args.first);
  const rows = await listStopLosses(ctx.db, ctx.accountId, decodeCursor(args.after, STOPS_SORT), limit);
  return toConnection(rows, limit, STOPS_SORT, () => countStopLosses(ctx.db, ctx.accountId));
}
