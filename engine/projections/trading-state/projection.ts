import { defineProjection } from "../projection.ts";

export interface TradingStateRow extends Record<string, unknown> {
  account_id: string;
  state: "running" | "paused" | "breaker";
  reason: string;
  breaker: string | null;
  paused_until: string | null;
  since: string;
}

/**
 * Whether the engine may trade. A timed pause (MAX_STOP_LOSSES_24H) lapses by itself: readers
 * compare paused_until with their clock; the row records what was decided, not the wall time.
 */
export const tradingStateProjection = defineProjection<TradingStateRow>({
  name: "trading_state",
  version: 1,
  table: "trading_state",
  primaryKey: ["account_id"],
  handles: ["CircuitBreakerTripped", "TradingPaused", "TradingResumed"],
  keyOf: (e) =>
    e.type === "CircuitBreakerTripped" || e.type === "TradingPaused" || e.type === "TradingResumed"
      ? [e.metadata.accountId]
      : null,
  evolve(row, event) {
    const base = { account_id: event.metadata.accountId, since: event.metadata.occurredAt };
    switch (event.type) {
      case "CircuitBreakerTripped":
        return {
          ...base,
          state: "breaker",
          reason: event.data.detail,
          breaker: event.data.breaker,
          paused_until: event.data.pausedUntil,
        };
      case "TradingPaused":
        return {
          ...base,
          state: "paused",
          reason: event.data.reason,
          breaker: null,
          paused_until: event.data.pausedUntil,
        };
      case "TradingResumed":
        return { ...base, state: "running", reason: event.data.reason, breaker: null, paused_until: null };
      default:
        return row;
    }
  },
});
