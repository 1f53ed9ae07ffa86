import type { ApiContext } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { computeOverview, MAX_OVERVIEW_DAYS } from "../../overview.ts";

export function checkDays(days: number | null | undefined): number {
  const n = days ?? 90;
  if (!Number.isInteger(n) || n < 1 || n > MAX_OVERVIEW_DAYS)
    throw badInput(`\`days\` must be between 1 and ${MAX_OVERVIEW_DAYS}.`);
  return n;
}

export const overview = (_: unknown, args: { days?: number | null }, ctx: ApiContext) =>
  computeOverview(ctx, checkDays(args.days));
