/**
 * Circuit breakers (the seed's MAX_LOSSES_IN_STREAK and MAX_STOP_LOSSES_24H): which trips to
 * emit now, as CircuitBreakerTripped data. Pure: history in, trips out; the caller appends them.
 *
 *   loss_streak      MAX_LOSSES_IN_STREAK consecutive losses, in resolution-time order. A loss is
 *                    a market lost, or a position sold (stopped or closed by hand) at a loss. A
 *                    win (settled won, or sold at a profit) resets the streak. Void results and
 *                    sales at exactly zero neither extend nor reset it. Pauses until resumed by
 *                    hand (pausedUntil null).
 *   stop_losses_24h  MAX_STOP_LOSSES_24H stop-losses triggered in the 24 h up to now. Pauses for
 *                    24 h (pausedUntil = now + 24 h).
 *
 * Results before the last manual resume are forgiven: the operator looked at them and chose to
 * go on, so they must not re-trip the breaker the moment trading restarts.
 *
 * A trip is not emitted when it would change nothing or weaken a pause in force: not for a
 * breaker already in force, and not when the current pause lasts longer (a 24 h trip must not
 * turn the kill switch, paused until resumed, into a pause that lapses tomorrow). When both trip,
 * the timed one comes first, so the state the projection ends in is the longer pause.
 */
import type { z } from "zod";
import type { CircuitBreakerTripped } from "../../events/catalog/trading-state.ts";
import type { TradingConfig } from "../config/config.ts";
import type { StopLossRow } from "../projections/stop-loss-events/projection.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import { parseTradeStatus } from "./trade-status.ts";
import { type BreakerName, pauseInForce, type TradingStateLike } from "./trading-state.ts";

export const DAY_MS = 24 * 3_600_000;

export type BreakerTradeRow = Pick<TradeRow, "id" | "status" | "pnl" | "resolved_at">;
export type StopLossLike = Pick<StopLossRow, "trade_id" | "triggered_at">;

export interface BreakerHistory {
  /** Finished trades (others are ignored), any order. */
  trades: readonly BreakerTradeRow[];
  /** Stop-loss triggers (the `stop_loss_events` projection), any order. */
  stopLosses: readonly StopLossLike[];
  /** The `trading_state` row, or null when trading was never paused. */
  tradingState: TradingStateLike | null;
  /**
   * Epoch ms of the last TradingResumed, or null if never resumed. The `trading_state` row's
   * `since` is exactly this while its state is "running" (see resumedAtOf).
   */
  resumedAt: number | null;
}

export type BreakerConfig = Pick<TradingConfig, "maxLossesInStreak" | "maxStopLosses24h">;
export type BreakerTrip = z.output<typeof CircuitBreakerTripped.schema>;

/** When the state row says running, its `since` is the last resume; otherwise it cannot tell. */
export function resumedAtOf(row: (TradingStateLike & { since: string }) | null): number | null {
  if (row?.state !== "running") return null;
  const t = Date.parse(row.since);
  return Number.isFinite(t) ? t : null;
}

export type Result = "win" | "loss" | "neutral";

/** How a finished trade counts for the streak; null for trades that have not finished. */
export function resultOf(t: Pick<BreakerTradeRow, "status" | "pnl">): Result | null {
  const status = parseTradeStatus(t.status);
  switch (status) {
    case "won":
      return "win";
    case "lost":
      return "loss";
    case "stopped":
    case "closed":
      if (t.pnl === null || t.pnl === 0) return "neutral";
      return t.pnl < 0 ? "loss" : "win";
    case "void":
      return "neutral";
    case "proposed":
    case "rejected":
    case "pending":
    case "open":
    case "failed":
    case "unknown":
      return null;
  }
}

/** Consecutive losses at the end of the history (after `after`, up to `now`), newest first. */
export function trailingLosses(
  trades: readonly BreakerTradeRow[],
  after: number | null,
  now: number,
): BreakerTradeRow[] {
  const finished: { t: BreakerTradeRow; at: number; result: Result }[] = [];
  for (const t of trades) {
    const result = resultOf(t);
    if (result === null || t.resolved_at === null) continue;
    const at = Date.parse(t.resolved_at);
    if (!Number.isFinite(at) || at > now || (after !== null && at <= after)) continue;
    finished.push({ t, at, result });
  }
  // Resolution order; equal times by id so the answer never depends on input order.
  finished.sort((a, b) => a.at - b.at || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0));
  const streak: BreakerTradeRow[] = [];
  for (let i = finished.length - 1; i >= 0; i--) {
    const f = finished[i];
    if (!f || f.result === "win") break;
    if (f.result === "loss") streak.push(f.t);
  }
  return streak;
}

/** Stop-loss triggers in (now − 24 h, now], and after the last resume. */
export function recentStopLosses(
  stops: readonly StopLossLike[],
  after: number | null,
  now: number,
): StopLossLike[] {
  const from = Math.max(now - DAY_MS, after ?? Number.NEGATIVE_INFINITY);
  return stops.filter((s) => {
    const at = Date.parse(s.triggered_at);
    return Number.isFinite(at) && at > from && at <= now;
  });
}

export function evaluateBreakers(history: BreakerHistory, config: BreakerConfig, now: number): BreakerTrip[] {
  const wanted: { breaker: BreakerName; detail: string; until: number | null }[] = [];

  const stops = recentStopLosses(history.stopLosses, history.resumedAt, now);
  if (stops.length >= config.maxStopLosses24h) {
    wanted.push({
      breaker: "stop_losses_24h",
      detail:
        `${stops.length} stop-losses in the 24 h to ${new Date(now).toISOString()} ` +
        `(limit ${config.maxStopLosses24h}): ${stops.map((s) => s.trade_id).join(", ")}`,
      until: now + DAY_MS,
    });
  }

  const streak = trailingLosses(history.trades, history.resumedAt, now);
  if (streak.length >= config.maxLossesInStreak) {
    wanted.push({
      breaker: "loss_streak",
      detail:
        `${streak.length} losses in a row (limit ${config.maxLossesInStreak}): ` +
        streak
          .slice()
          .reverse()
          .map((t) => t.id)
          .join(", "),
      until: null,
    });
  }

  const pause = pauseInForce(history.tradingState, now);
  const currentEnd = pause.inForce ? (pause.until ?? Number.POSITIVE_INFINITY) : Number.NEGATIVE_INFINITY;
  return wanted
    .filter((w) => !(pause.inForce && pause.state === "breaker" && pause.breaker === w.breaker))
    .filter((w) => (w.until ?? Number.POSITIVE_INFINITY) >= currentEnd)
    .map((w) => ({
      breaker: w.breaker,
      detail: w.detail,
      pausedUntil: w.until === null ? null : new Date(w.until).toISOString(),
    }));
}
