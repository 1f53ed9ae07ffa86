import type { ApiContext } from "../../context.ts";
import { decodeCursor, pageSize, toConnection } from "../../pagination.ts";
import { countErrors, errorsSort, listErrors } from "../../read/errors.ts";

export async function errors(
  _: unknown,
  args: { source?: string | null; first?: number | null; after?: string | null },
  ctx: ApiContext,
) {
  const source = args.source ?? null;
  const sort = errorsSort(source);
  const limit = pageSize(args.first);
  const rows = await listErrors(ctx.db, ctx.accountId, source, decodeCursor(args.after, sort), limit);
  return toConnection(rows, limit, sort, () => countErrors(ctx.db, ctx.accountId, source));
}
