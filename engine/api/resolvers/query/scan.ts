import type { ApiContext } from "../../context.ts";
import { latestScan } from "../../read/scans.ts";

export const scan = (_: unknown, args: { id?: string | null }, ctx: ApiContext) =>
  args.id ? ctx.loaders.scan(args.id) : latestScan(ctx.db, ctx.accountId);
