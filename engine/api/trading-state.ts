import type { TradingStateRow } from "../projections/trading-state/projection.ts";
import { pauseInForce } from "../risk/trading-state.ts";

/** The TradingState type's shape: status is the TradingStatus enum's internal value. */
export interface TradingStateView {
  status: "running" | "paused" | "breaker";
  reason: string | null;
  breaker: string | null;
  since: string | null;
  pausedUntil: string | null;
}

/**
 * What the engine will do right now, read exactly as risk reads it (engine/risk/trading-state.ts):
 * a timed pause that has lapsed is running again, an unknown state fails closed (paused).
 */
export function tradingStateView(row: TradingStateRow | null, now: number): TradingStateView {
  const pause = pauseInForce(row, now);
  if (!pause.inForce) {
    return {
      status: "running",
      reason: row?.reason ?? null,
      breaker: null,
      since: row?.since ?? null,
      pausedUntil: null,
    };
  }
  return {
    status: pause.state === "breaker" ? "breaker" : "paused",
    reason: pause.reason,
    breaker: pause.breaker,
    since: row?.since ?? null,
    pausedUntil: pause.until === null ? null : new Date(pause.until).toISOString(),
  };
}
