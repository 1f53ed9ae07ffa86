import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { countDecisions, DECISIONS_SORT, listDecisions } from "../../read/decisions.ts";

export async function decisions(
  _: unknown,
  args: { first?: number | null; after?: string | null },
  ctx: ApiContext,
) {
  const limit = pageSize(args.first);
  const rows = await listDecisions(ctx.db, ctx.accountId, decodeCursor(args.after, DECISIONS_SORT), limit);
  return toConnection(rows, limit, DECISIONS_SORT, () => countDecisions(ctx.db, ctx.accountId));
}
