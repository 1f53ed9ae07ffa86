import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { countDaily, dailySort, listDaily } from "../../read/reports.ts";

export async function dailyReports(
  _: unknown,
  args: { kind?: string | null; first?: number | null; after?: string | null },
  ctx: ApiContext,
) {
  const kind = args.kind ?? null;
  const sort = dailySort(kind);
  const limit = pageSize(args.first);
  const rows = await listDaily(ctx.db, ctx.accountId, kind, decodeCursor(args.after, sort), limit);
  return toConnection(rows, limit, sort, () => countDaily(ctx.db, ctx.accountId, kind));
}
