import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { CircuitBreakerTripped } from "../../events/catalog/trading-state.ts";
import {
  type BreakerHistory,
  type BreakerTradeRow,
  DAY_MS,
  evaluateBreakers,
  resumedAtOf,
  type StopLossLike,
} from "./breakers.ts";
import type { TradingStateLike } from "./trading-state.ts";

const NOW = Date.parse("2026-03-10T16:00:00Z");
const CONFIG = { maxLossesInStreak: 5, maxStopLosses24h: 3 };
const iso = (ms: number) => new Date(ms).toISOString();

/** Trades resolved one hour apart, oldest first, ending an hour before NOW. */
function history(statuses: (string | [string, number])[]): BreakerTradeRow[] {
  return statuses.map((s, i) => {
    const [status, pnl] = Array.isArray(s) ? s : [s, s === "won" ? 1_000_000 : -20_000_000];
    return { id: `t${i}`, status, pnl, resolved_at: iso(NOW - (statuses.length - i) * 3_600_000) };
  });
}
const stops = (...hoursAgo: number[]): StopLossLike[] =>
  hoursAgo.map((h, i) => ({ trade_id: `s${i}`, triggered_at: iso(NOW - h * 3_600_000) }));
const h = (o: Partial<BreakerHistory>): BreakerHistory => ({
  trades: [],
  stopLosses: [],
  tradingState: null,
  resumedAt: null,
  ...o,
});
const breaker = (name: string, untilMs: number | null): TradingStateLike => ({
  state: "breaker",
  reason: "tripped",
  breaker: name,
  paused_until: untilMs === null ? null : iso(untilMs),
});

describe("loss streak", () => {
  test("five losses in a row trip it until resumed by hand", () => {
    const trips = evaluateBreakers(
      h({ trades: history(["won", "lost", "lost", "lost", "lost", "lost"]) }),
      CONFIG,
      NOW,
    );
    expect(trips).toEqual([
      {
        breaker: "loss_streak",
        detail: "5 losses in a row (limit 5): t1, t2, t3, t4, t5",
        pausedUntil: null,
      },
    ]);
    expect(CircuitBreakerTripped.schema.parse(trips[0])).toEqual(trips[0] as never);
  });

  test("a win resets it; stops at a loss count as losses, a profitable sale as a win", () => {
    expect(
      evaluateBreakers(h({ trades: history(["lost", "lost", "lost", "won", "lost"]) }), CONFIG, NOW),
    ).toEqual([]);
    expect(
      evaluateBreakers(h({ trades: history(["stopped", "lost", "closed", "lost", "stopped"]) }), CONFIG, NOW),
    ).toHaveLength(1);
    expect(
      evaluateBreakers(
        h({ trades: history(["lost", "lost", ["stopped", 5], "lost", "lost", "lost"]) }),
        CONFIG,
        NOW,
      ),
    ).toEqual([]);
  });

  test("voids and break-even sales neither extend nor reset it", () => {
    const trips = evaluateBreakers(
      h({ trades: history(["lost", "void", "lost", ["closed", 0], "lost", "lost", "void", "lost"]) }),
      CONFIG,
      NOW,
    );
    expect(trips[0]?.detail).toBe("5 losses in a row (limit 5): t0, t2, t4, t5, t7");
  });

  test("resolution time decides the order, not the input order", () => {
    const trades = history(["won", "lost", "lost", "lost", "lost", "lost"]);
    // The win resolved last: no streak.
    const lateWin = trades.map((t) => (t.id === "t0" ? { ...t, resolved_at: iso(NOW - 1000) } : t));
    expect(evaluateBreakers(h({ trades: lateWin }), CONFIG, NOW)).toEqual([]);
    expect(evaluateBreakers(h({ trades: trades.slice().reverse() }), CONFIG, NOW)).toHaveLength(1);
  });

  test("losses before the last manual resume are forgiven", () => {
    const trades = history(["lost", "lost", "lost", "lost", "lost"]);
    const resumedAt = Date.parse(trades[2]?.resolved_at ?? "");
    expect(evaluateBreakers(h({ trades, resumedAt }), CONFIG, NOW)).toEqual([]);
  });

  test("not re-tripped while in force", () => {
    const trades = history(["lost", "lost", "lost", "lost", "lost", "lost"]);
    expect(evaluateBreakers(h({ trades, tradingState: breaker("loss_streak", null) }), CONFIG, NOW)).toEqual(
      [],
    );
  });

  test("open and unfinished trades are ignored", () => {
    const trades = history(["lost", "lost", "lost", "lost", "open", "pending"]);
    expect(evaluateBreakers(h({ trades }), CONFIG, NOW)).toEqual([]);
  });
});

describe("stop-losses in 24 h", () => {
  test("three within 24 h pause trading for 24 h", () => {
    const trips = evaluateBreakers(h({ stopLosses: stops(1, 5, 23.9) }), CONFIG, NOW);
    expect(trips).toEqual([
      {
        breaker: "stop_losses_24h",
        detail: "3 stop-losses in the 24 h to 2026-03-10T16:00:00.000Z (limit 3): s0, s1, s2",
        pausedUntil: "2026-03-11T16:00:00.000Z",
      },
    ]);
  });

  test("a stop exactly 24 h old is outside the window", () => {
    expect(evaluateBreakers(h({ stopLosses: stops(1, 5, 24) }), CONFIG, NOW)).toEqual([]);
  });

  test("not re-tripped while in force; may trip again once lapsed", () => {
    const s = stops(1, 2, 3);
    expect(
      evaluateBreakers(h({ stopLosses: s, tradingState: breaker("stop_losses_24h", NOW + 1) }), CONFIG, NOW),
    ).toEqual([]);
    expect(
      evaluateBreakers(h({ stopLosses: s, tradingState: breaker("stop_losses_24h", NOW) }), CONFIG, NOW),
    ).toHaveLength(1);
  });

  test("never shortens a longer pause: no 24 h trip over the kill switch or the loss-streak breaker", () => {
    const s = stops(1, 2, 3);
    const kill: TradingStateLike = { state: "paused", reason: "by hand", breaker: null, paused_until: null };
    expect(evaluateBreakers(h({ stopLosses: s, tradingState: kill }), CONFIG, NOW)).toEqual([]);
    expect(
      evaluateBreakers(h({ stopLosses: s, tradingState: breaker("loss_streak", null) }), CONFIG, NOW),
    ).toEqual([]);
    // A shorter timed pause by hand is extended by the breaker.
    const short: TradingStateLike = {
      state: "paused",
      reason: "lunch",
      breaker: null,
      paused_until: iso(NOW + 3_600_000),
    };
    expect(evaluateBreakers(h({ stopLosses: s, tradingState: short }), CONFIG, NOW)).toHaveLength(1);
  });

  test("a losing streak escalates over the 24 h breaker; both at once end on the longer pause", () => {
    const trades = history(["lost", "lost", "lost", "lost", "lost"]);
    const s = stops(1, 2, 3);
    expect(
      evaluateBreakers(
        h({ trades, stopLosses: s, tradingState: breaker("stop_losses_24h", NOW + DAY_MS) }),
        CONFIG,
        NOW,
      ).map((t) => t.breaker),
    ).toEqual(["loss_streak"]);
    expect(evaluateBreakers(h({ trades, stopLosses: s }), CONFIG, NOW).map((t) => t.pausedUntil)).toEqual([
      "2026-03-11T16:00:00.000Z",
      null,
    ]);
  });

  test("stops before the last resume are forgiven", () => {
    expect(
      evaluateBreakers(h({ stopLosses: stops(1, 5, 6), resumedAt: NOW - 5.5 * 3_600_000 }), CONFIG, NOW),
    ).toEqual([]);
  });
});

describe("properties", () => {
  const outcome = fc.constantFrom("won", "lost", "stopped-loss", "stopped-win", "void", "open");
  const toRow = (kind: string, i: number): BreakerTradeRow => {
    const [status, pnl] =
      kind === "stopped-loss"
        ? ["stopped", -1]
        : kind === "stopped-win"
          ? ["stopped", 1]
          : [kind, kind === "won" ? 1 : kind === "lost" ? -1 : kind === "void" ? 0 : null];
    return { id: `t${String(i).padStart(3, "0")}`, status, pnl, resolved_at: iso(NOW - (1000 - i) * 60_000) };
  };

  test("the streak trips exactly when the trailing losses (skipping voids and open) reach the limit", () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (kinds, limit) => {
        const trades = kinds.map(toRow);
        let trailing = 0;
        for (let i = kinds.length - 1; i >= 0; i--) {
          const k = kinds[i];
          if (k === "won" || k === "stopped-win") break;
          if (k === "lost" || k === "stopped-loss") trailing++;
        }
        const trips = evaluateBreakers(
          h({ trades }),
          { maxLossesInStreak: limit, maxStopLosses24h: 99 },
          NOW,
        );
        expect(trips.some((t) => t.breaker === "loss_streak")).toBe(trailing >= limit);
      }),
      { numRuns: 500 },
    );
  });

  test("the answer does not depend on input order", () => {
    fc.assert(
      fc.property(
        fc.array(outcome, { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 48 * 60 }), { maxLength: 8 }),
        (kinds, minutesAgo) => {
          const trades = kinds.map(toRow);
          const s = minutesAgo.map((m, i) => ({ trade_id: `s${i}`, triggered_at: iso(NOW - m * 60_000) }));
          const a = evaluateBreakers(h({ trades, stopLosses: s }), CONFIG, NOW);
          const b = evaluateBreakers(
            h({ trades: trades.slice().reverse(), stopLosses: s.slice().reverse() }),
            CONFIG,
            NOW,
          );
          expect(a.map((t) => [t.breaker, t.pausedUntil])).toEqual(b.map((t) => [t.breaker, t.pausedUntil]));
        },
      ),
    );
  });

  test("never trips a breaker that is already in force", () => {
    fc.assert(
      fc.property(
        fc.array(outcome, { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 30 * 60 }), { maxLength: 8 }),
        fc.constantFrom("loss_streak", "stop_losses_24h"),
        fc.option(fc.integer({ min: 1, max: DAY_MS }), { nil: null }),
        (kinds, minutesAgo, name, ahead) => {
          const s = minutesAgo.map((m, i) => ({ trade_id: `s${i}`, triggered_at: iso(NOW - m * 60_000) }));
          const state = breaker(name, ahead === null ? null : NOW + ahead);
          const trips = evaluateBreakers(
            h({ trades: kinds.map(toRow), stopLosses: s, tradingState: state }),
            CONFIG,
            NOW,
          );
          expect(trips.some((t) => t.breaker === name)).toBe(false);
        },
      ),
    );
  });
});

test("resumedAtOf reads the resume time only from a running state", () => {
  expect(
    resumedAtOf({
      state: "running",
      reason: "",
      breaker: null,
      paused_until: null,
      since: "2026-03-10T00:00:00Z",
    }),
  ).toBe(Date.parse("2026-03-10T00:00:00Z"));
  expect(
    resumedAtOf({
      state: "paused",
      reason: "",
      breaker: null,
      paused_until: null,
      since: "2026-03-10T00:00:00Z",
    }),
  ).toBe(null);
  expect(resumedAtOf(null)).toBe(null);
});
