import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { countScans, listScans, SCANS_SORT } from "../../read/scans.ts";

export async function scans(
  _: unknown,
  args: { first?: number | null; after?: string | null },
  ctx: ApiContext,
) {
  const limit = pageSize(args.first);
  const rows = await listScans(ctx.db, ctx.accountId, decodeCursor(args.after, SCANS_SORT), limit);
  return toConnection(rows, limit, SCANS_SORT, () => countScans(ctx.db, ctx.accountId));
}
