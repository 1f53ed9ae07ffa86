import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { countMonthly, listMonthly, MONTHLY_SORT } from "../../read/reports.ts";

export async function monthlyAnalyses(
  _: unknown,
  args: { first?: number | null; after?: string | null },
  ctx: ApiContext,
) {
  const limit = pageSize(args.first, 12);
  const rows = await listMonthly(ctx.db, ctx.accountId, decodeCursor(args.after, MONTHLY_SORT), limit);
  return toConnection(rows, limit, MONTHLY_SORT, () => countMonthly(ctx.db, ctx.accountId));
}
