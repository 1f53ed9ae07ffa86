/**
 * The verdict records every check it ran, passed or failed, with what it observed and the limit:
 * the facts `audit` shows. Values are exact integers (micros, counts), never floats.
 */
import { describe, expect, test } from "bun:test";
import { decide, estimatedFee, RISK_CHECKS, type RiskCheckResult } from "./decide.ts";
import { $, RISK_CONFIG, trade } from "./testing.ts";

// Noon in New York (EDT) on 10 March 2026.
const NOW = Date.parse("2026-03-10T16:00:00Z");
const ALL = [...RISK_CHECKS];
const byName = (checks: RiskCheckResult[]) => Object.fromEntries(checks.map((c) => [c.check, c]));

describe("recorded checks", () => {
  test("an approval lists every check, each passed, with its observed value and limit", () => {
    const today = trade({ id: "x", contract_id: "KXA", allocation: $(30), position_size: $(29.5) });
    const yesterday = trade({ id: "y", contract_id: "KXB", proposed_at: "2026-03-09T13:00:00.000Z" });
    const d = decide(
      { tradeId: "t-new", ticker: "KXNEW", side: "no", allocation: $(40), price: $(0.9) },
      { balance: $(500), trades: [today, yesterday], tradingState: null },
      RISK_CONFIG,
      NOW,
    );
    expect(d.ok).toBe(true);
    expect(d.checks.map((c) => c.check as string)).toEqual(ALL);
    expect(d.checks.every((c) => c.passed)).toBe(true);
    const c = byName(d.checks);
    const fee = estimatedFee($(40), $(0.9));
    expect(c.trading_state).toMatchObject({
      observed: { state: "running", breaker: null },
      limit: { required: "running" },
    });
    // Both open trades are exposure; only today's counts towards the day's limits.
    expect(c.balance).toMatchObject({
      observed: { balance: $(500), openExposure: 2 * ($(29.5) + $(0.09)) },
      limit: { needed: $(40) + fee, allocation: $(40), estimatedFee: fee },
    });
    expect(c.daily_trades).toMatchObject({
      observed: { tradesToday: 1, day: "2026-03-10" },
      limit: { maxTradesPerDay: 3, timeZone: "America/New_York" },
    });
    expect(c.daily_budget).toMatchObject({
      observed: { committedToday: $(29.59), remaining: $(100) - $(29.59), allocation: $(40) },
      limit: { dailyBudget: $(100) },
    });
    expect(c.daily_budget?.detail).toContain("$70.41 remaining");
    expect(c.duplicate_position).toMatchObject({
      observed: { liveTradesInMarket: 0 },
      limit: { maxLiveTradesInMarket: 0 },
    });
    expect(c.position_size).toMatchObject({
      observed: { allocation: $(40) },
      limit: { minPositionSize: $(20), maxPositionSize: $(50) },
    });
    expect(c.price_band).toMatchObject({
      observed: { price: $(0.9), side: "no" },
      limit: { minOdds: $(0.85), maxOdds: $(0.98) },
    });
    expect(c.price_band?.detail).toBe("NO ask 90¢ within [85¢, 98¢]");
    for (const check of d.checks)
      for (const v of [...Object.values(check.observed), ...Object.values(check.limit)])
        if (typeof v === "number") expect(Number.isSafeInteger(v)).toBe(true);
  });

  test("a refusal lists the passed checks too, and its reasons are exactly the failed ones", () => {
    const d = decide(
      { tradeId: "t-new", ticker: "KXNEW", side: "yes", allocation: $(60), price: $(0.95) },
      {
        balance: $(500),
        trades: [],
        tradingState: {
          state: "breaker",
          breaker: "stop_losses_24h",
          reason: "3 stop-losses in 24 h",
          paused_until: "2026-03-11T16:00:00.000Z",
        },
      },
      RISK_CONFIG,
      NOW,
    );
    if (d.ok) throw new Error("expected a refusal");
    expect(d.checks.map((c) => c.check as string)).toEqual(ALL);
    expect(d.checks.filter((c) => !c.passed).map((c) => c.check)).toEqual(["trading_state", "position_size"]);
    expect(d.reasons).toEqual(
      d.checks.filter((c) => !c.passed).map((c) => ({ check: c.check, detail: c.detail })),
    );
    const c = byName(d.checks);
    expect(c.trading_state).toMatchObject({
      passed: false,
      observed: { state: "breaker", breaker: "stop_losses_24h", pausedUntil: "2026-03-11T16:00:00.000Z" },
    });
    expect(c.position_size).toMatchObject({ passed: false, observed: { allocation: $(60) } });
    expect(c.daily_budget).toMatchObject({
      passed: true,
      observed: { committedToday: 0, remaining: $(100) },
    });
    expect(c.daily_trades).toMatchObject({ passed: true, observed: { tradesToday: 0 } });
  });

  test("a lapsed breaker is recorded as running", () => {
    const d = decide(
      { tradeId: "t-new", ticker: "KXNEW", side: "yes", allocation: $(30), price: $(0.95) },
      {
        balance: $(500),
        trades: [],
        tradingState: {
          state: "breaker",
          breaker: "stop_losses_24h",
          reason: "r",
          paused_until: "2026-03-10T15:00:00.000Z",
        },
      },
      RISK_CONFIG,
      NOW,
    );
    expect(d.ok).toBe(true);
    expect(byName(d.checks).trading_state?.detail).toContain("has lapsed");
  });
});
