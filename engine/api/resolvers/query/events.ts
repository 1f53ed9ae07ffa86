import { formatPosition, type LogPosition, parsePosition } from "../../../../events/store/types.ts";
import type { ApiContext } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { pageSize } from "../../pagination.ts";
import { eventPage } from "../../read/events.ts";

interface Args {
  stream?: string | null;
  type?: string | null;
  after?: string | null;
  first?: number | null;
  order?: "OLDEST_FIRST" | "NEWEST_FIRST" | null;
}

/** The log browser. Its cursor is not opaque: it is the log position "txid:position" itself. */
export async function events(_: unknown, args: Args, ctx: ApiContext) {
  const limit = pageSize(args.first, 50);
  let after: LogPosition | null = null;
  if (args.after) {
    try {
      after = parsePosition(args.after);
    } catch {
      throw badInput('`after` must be a log position "txid:position".');
    }
  }
  const rows = await eventPage(ctx.db, {
    accountId: ctx.accountId,
    stream: args.stream,
    type: args.type,
    after,
    limit: limit + 1,
    order: args.order ?? "OLDEST_FIRST",
  });
  const page = rows.slice(0, limit);
  const edges = page.map((e) => ({ cursor: formatPosition(e.position), node: e }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
