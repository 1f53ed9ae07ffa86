import type { ApiContext } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { tradingStateRow } from "../../read/overview.ts";
import { tradingStateView } from "../../trading-state.ts";

export const MAX_REASON = 500;

export function checkReason(reason: string | null | undefined, fallback: string | null): string {
  const text = (reason ?? "").trim() || fallback;
  if (!text) throw badInput("`reason` must not be empty.");
  if (text.length > MAX_REASON) throw badInput(`\`reason\` must be at most ${MAX_REASON} characters.`);
  return text;
}

/** The engine appends TradingPaused and catches its projections up, so the state read back is fresh. */
export async function pauseTrading(_: unknown, args: { reason: string }, ctx: ApiContext) {
  await ctx.control.pauseTrading(checkReason(args.reason, null));
  return tradingStateView(await tradingStateRow(ctx.db, ctx.accountId), ctx.clock.now());
}
