import type { TradingConfig } from "../config/config.ts";
import { type Micros, micros } from "../money/money.ts";
import type { SelectionLimits } from "./types.ts";

/** Today's limits from the configuration and what today's trades already used. */
export function selectionLimits(
  trading: Pick<TradingConfig, "dailyBudget" | "minPositionSize" | "maxPositionSize" | "maxTradesPerDay">,
  usedToday: { committed: Micros; trades: number },
): SelectionLimits {
  return {
    dailyBudget: trading.dailyBudget,
    remainingBudget: micros(Math.max(0, trading.dailyBudget - usedToday.committed)),
    minPositionSize: trading.minPositionSize,
    maxPositionSize: trading.maxPositionSize,
    maxTradesPerDay: trading.maxTradesPerDay,
    tradesRemaining: Math.max(0, trading.maxTradesPerDay - usedToday.trades),
  };
}
