/**
 * Whether trading is allowed right now, from the `trading_state` projection row.
 *
 *   running                      → allowed
 *   paused (by hand: kill switch) → refused until resumed, or until paused_until if one was set
 *   breaker                       → refused until paused_until (stop-loss breaker, 24 h) or until
 *                                   resumed by hand (loss-streak breaker, paused_until null)
 *
 * A timed pause lapses by itself: the projection records what was decided, and readers compare
 * paused_until with their clock (engine/projections/trading-state). No row means never paused.
 * An unknown state text refuses trading: a kill switch must fail closed.
 */
import type { TradingStateRow } from "../projections/trading-state/projection.ts";

export type TradingStateLike = Pick<TradingStateRow, "reason" | "breaker" | "paused_until"> & {
  /** Text from the row; "running" | "paused" | "breaker" expected. */
  state: string;
};

export type BreakerName = "loss_streak" | "stop_losses_24h";

export type PauseInForce =
  | { inForce: false }
  | {
      inForce: true;
      state: "paused" | "breaker" | "unknown";
      breaker: string | null;
      reason: string;
      /** Epoch ms the pause lapses at, or null: until resumed by hand. */
      until: number | null;
    };

export function pauseInForce(row: TradingStateLike | null, now: number): PauseInForce {
  if (!row || row.state === "running") return { inForce: false };
  const until = row.paused_until === null ? null : Date.parse(row.paused_until);
  if (until !== null && Number.isFinite(until) && until <= now) return { inForce: false };
  const state = row.state === "paused" || row.state === "breaker" ? row.state : "unknown";
  // An unparsable paused_until is treated as "until resumed": refusing is the safe reading.
  return {
    inForce: true,
    state,
    breaker: row.breaker,
    reason: row.reason,
    until: until !== null && Number.isFinite(until) ? until : null,
  };
}
