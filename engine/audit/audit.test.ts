import { afterAll, beforeAll, expect, test } from "bun:test";
import { EventStore } from "../../events/event-store.ts";
import { appendToStream } from "../../events/store/append.ts";
import { EventSchemaError, UnknownEventTypeError } from "../../events/store/errors.ts";
import { eventsBeyondHorizon } from "../../events/store/read.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { rawEvent, testMetadata } from "../../test/support/events.ts";
import { settleLog } from "../cli/testing.ts";
import type { Database } from "../db/database.ts";
import { RISK_CHECKS } from "../risk/decide.ts";
import { ManualClock } from "../time/clock.ts";
import { seededIds } from "../time/random.ts";
import { auditTrade } from "./read.ts";
import {
  ANALYSIS_ID,
  AUDIT_START,
  appendScript,
  appendVersion1Trades,
  auditScript,
  CHECKS_A,
  ENTRY_COST_A,
  OLD_APPROVED_TRADE,
  OLD_REJECTED_TRADE,
  PNL_A,
  PNL_B,
  REJECTED_CHECKS,
  REJECTED_TRADE,
  SCAN_ID,
  STOPPED_TRADE,
  TICKER_A,
  WON_TRADE,
} from "./testing.ts";

/** The audit reads below the snapshot horizon: wait (bounded, real I/O) until our appends are there. */
async function waitReadable(db: Database) {
  for (let i = 0; i < 1_500 && (await eventsBeyondHorizon(db)) > 0; i++) await Bun.sleep(20);
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  const clock = new ManualClock(AUDIT_START);
  const store = new EventStore(t.db, { clock, ids: seededIds(7), accountId: "acct", actor: "engine" });
  await appendScript(store, clock, auditScript());
  await appendVersion1Trades(t.db);
  await settleLog(t.db);
});
afterAll(() => t.drop());

test("a stopped trade: market as observed before the decision, scan, AI, risk, orders, stop, P&L", async () => {
  const chain = await auditTrade(t.db, STOPPED_TRADE);
  if (!chain) throw new Error("no chain");
  // The last observation BEFORE the proposal (93¢), not the later 80¢ one.
  expect(chain.marketAtDecision?.yesAsk).toBe(930_000);
  expect(chain.marketAtDecision?.occurredAt).toBe("2026-11-24T08:10:00.000Z");
  expect(chain.marketLatest?.yesAsk).toBe(800_000);
  expect(chain.scan).toMatchObject({ scanId: SCAN_ID, candidates: 2 });
  expect(chain.scan?.stages.map((s) => s.count)).toEqual([512, 300, 21, 2]);
  expect(chain.scan?.candidate?.ticker).toBe(TICKER_A);
  expect(chain.analysis).toMatchObject({
    analysisId: ANALYSIS_ID,
    selector: "ai",
    promptVersion: "selector-v3",
    reasoning: "forecast high is 38F with a 7F margin",
    confidence: 0.96,
    statedProbability: 0.97,
  });
  expect(chain.risk).toEqual({ verdict: "approved", checks: CHECKS_A });
  expect(chain.orders.map((o) => [o.purpose, o.fills.length])).toEqual([
    ["entry", 2],
    ["stop_loss", 1],
  ]);
  expect(chain.stop).toMatchObject({ triggerPrice: 790_000, threshold: 800_000 });
  expect(chain.outcome).toMatchObject({ kind: "closed", reason: "stop_loss", exitPrice: 790_000 });
  expect(chain.pnl).toEqual({ entryCost: ENTRY_COST_A, feesPaid: 630_000, realizedPnl: PNL_A });
  expect(chain.fillFees).toBe(630_000);
  expect(chain.accountId).toBe("acct");
  // In log order, and only this trade's events among the trades.
  const types = chain.events.map((e) => e.type);
  expect(types.filter((x) => x === "TradeProposed")).toHaveLength(1);
  expect(types.indexOf("CandidatesScanned")).toBeLessThan(types.indexOf("TradeProposed"));
});

test("a settled trade and a refused one", async () => {
  const won = await auditTrade(t.db, WON_TRADE);
  expect(won?.outcome).toMatchObject({ kind: "resolved", outcome: "won", payout: 32_000_000 });
  expect(won?.pnl?.realizedPnl).toBe(PNL_B);
  expect(won?.analysis?.statedProbability).toBe(0.95);
  expect(won?.marketAtDecision?.yesAsk).toBe(880_000); // the background history's observation

  const refused = await auditTrade(t.db, REJECTED_TRADE);
  expect(refused?.risk).toMatchObject({
    verdict: "rejected",
    reasons: [
      {
        check: "duplicate_position",
        detail: `${TICKER_A} already has a live trade: ${STOPPED_TRADE} (open)`,
      },
    ],
    checks: REJECTED_CHECKS,
  });
  expect(refused?.outcome).toEqual({ kind: "rejected" });
  expect(refused?.pnl).toBeNull();
  expect(refused?.orders).toEqual([]);
});

test("every check risk ran is in the chain, with observed values and limits, for approvals and refusals", async () => {
  const names = [...RISK_CHECKS];
  const approved = await auditTrade(t.db, STOPPED_TRADE);
  if (approved?.risk.verdict !== "approved" || !approved.risk.checks) throw new Error("no recorded approval");
  expect(approved.risk.checks.map((c) => c.check)).toEqual(names);
  expect(approved.risk.checks.every((c) => c.passed)).toBe(true);
  const budget = approved.risk.checks.find((c) => c.check === "daily_budget");
  expect(budget).toMatchObject({
    observed: { committedToday: 0, remaining: 100_000_000, allocation: 30_000_000 },
    limit: { dailyBudget: 100_000_000 },
  });
  expect(approved.risk.checks.find((c) => c.check === "price_band")).toMatchObject({
    observed: { price: 930_000 },
    limit: { minOdds: 850_000, maxOdds: 980_000 },
  });

  const refused = await auditTrade(t.db, REJECTED_TRADE);
  if (refused?.risk.verdict !== "rejected" || !refused.risk.checks) throw new Error("no recorded refusal");
  expect(refused.risk.checks.map((c) => [c.check, c.passed])).toEqual(
    names.map((n) => [n, n !== "duplicate_position"]),
  );
  expect(refused.risk.checks.find((c) => c.check === "daily_trades")).toMatchObject({
    observed: { tradesToday: 2 },
    limit: { maxTradesPerDay: 3 },
  });
  // Two open trades of 29.76 + 0.18 each: the exposure the balance check saw.
  expect(refused.risk.checks.find((c) => c.check === "balance")?.observed.openExposure).toBe(2 * 29_940_000);
});

test("version 1 events upcast to 'checks not recorded', nothing invented", async () => {
  const old = await auditTrade(t.db, OLD_APPROVED_TRADE);
  expect(old?.proposal.riskChecks).toBeNull();
  expect(old?.risk).toEqual({ verdict: "approved", checks: null });
  const oldRefused = await auditTrade(t.db, OLD_REJECTED_TRADE);
  expect(oldRefused?.risk).toEqual({
    verdict: "rejected",
    reasons: [{ check: "daily_trades", detail: "3 trades already on 2026-11-23 (UTC), at most 3 a day" }],
    checks: null,
  });
});

test("an unknown trade is null", async () => {
  expect(await auditTrade(t.db, "00000000-0000-4000-8000-0000000fffff")).toBeNull();
});

test("a bad event anywhere in the log makes the audit fail, naming it", async () => {
  const own = await createTestDatabase();
  try {
    const clock = new ManualClock(AUDIT_START);
    const store = new EventStore(own.db, { clock, ids: seededIds(8), accountId: "acct", actor: "engine" });
    await appendScript(store, clock, auditScript());
    const unknown = rawEvent(0, { type: "NoSuchThing" });
    await appendToStream(own.db, "broken", [unknown]);
    await waitReadable(own.db);
    const error = await auditTrade(own.db, STOPPED_TRADE).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect(error.message).toContain(unknown.id);
    expect(error.message).toContain("NoSuchThing");
    expect(error.message).toMatch(/position \d+:\d+/);

    const own2 = await createTestDatabase();
    try {
      const s2 = new EventStore(own2.db, {
        clock: new ManualClock(AUDIT_START),
        ids: seededIds(9),
        accountId: "acct",
        actor: "engine",
      });
      await appendScript(s2, new ManualClock(AUDIT_START), auditScript());
      const broken = rawEvent(0, {
        type: "OrderFilled",
        data: { tradeId: STOPPED_TRADE, price: "ninety cents" },
        metadata: testMetadata(),
      });
      await appendToStream(own2.db, `trade-${STOPPED_TRADE}`, [broken]);
      await waitReadable(own2.db);
      const schema = await auditTrade(own2.db, STOPPED_TRADE).catch((e) => e);
      expect(schema).toBeInstanceOf(EventSchemaError);
      expect(schema.message).toContain(broken.id);
      expect(schema.message).toContain("OrderFilled");
    } finally {
      await own2.drop();
    }
  } finally {
    await own.drop();
  }
  // Two fresh databases with a whole scripted day each: slow on a loaded machine, not a timing claim.
}, 30_000);
