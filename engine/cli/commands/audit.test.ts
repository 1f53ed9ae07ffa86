import { afterAll, beforeAll, expect, test } from "bun:test";
import { EventStore } from "../../../events/event-store.ts";
import { appendToStream } from "../../../events/store/append.ts";
import { eventsBeyondHorizon } from "../../../events/store/read.ts";
import { rawEvent } from "../../../test/support/events.ts";
import {
  AUDIT_START,
  appendScript,
  appendVersion1Trades,
  auditScript,
  OLD_APPROVED_TRADE,
  PNL_A,
  REJECTED_TRADE,
  STOPPED_TRADE,
} from "../../audit/testing.ts";
import { ManualClock } from "../../time/clock.ts";
import { seededIds } from "../../time/random.ts";
import { EXIT } from "../command.ts";
import { cli, cliTestDatabase, settleLog } from "../testing.ts";

let target: Awaited<ReturnType<typeof cliTestDatabase>>;
beforeAll(async () => {
  target = await cliTestDatabase();
  const db = await target.open();
  const clock = new ManualClock(AUDIT_START);
  await appendScript(
    new EventStore(db, { clock, ids: seededIds(3), accountId: "acct", actor: "engine" }),
    clock,
    auditScript(),
  );
  await appendVersion1Trades(db);
  await settleLog(db);
  await db.close();
});
afterAll(() => target.drop());

test("audit prints the chain for people and as JSON", async () => {
  const human = await cli(["audit", STOPPED_TRADE], target.env);
  expect(human.stderr).toBe("");
  expect(human.code).toBe(EXIT.ok);
  for (const part of [
    "Market as observed before the decision",
    "YES bid 92¢ / ask 93¢",
    "all 512 → active 300 → odds 21 → liquidity 2 → 2 candidates",
    "prompt selector-v3",
    "stated probability 97.0%",
    "forecast high is 38F with a 7F margin",
    "Risk  approved  7 of 7 checks passed",
    "✓ daily_budget: $0.00 committed on 2026-11-24 + $30.00 within the daily budget of $100.00 ($100.00 remaining before this trade)",
    "committedToday=$0.00",
    "remaining=$100.00",
    "limit dailyBudget=$100.00",
    "observed balance=$1000.00 openExposure=$0.00",
    "✓ daily_trades: 0 trades already on 2026-11-24 (UTC), this is the 1st of at most 3 a day",
    "✓ position_size: allocation $30.00 within [$20.00, $50.00]",
    "✓ price_band: YES ask 93¢ within [85¢, 98¢]",
    "✓ trading_state: trading running, no circuit breaker in force",
    "stop_loss",
    "triggered at 79¢ (threshold 80¢, realtime)",
    "sold (stop-loss) at 79¢",
    "P&L after fees  -$5.11",
  ])
    expect(human.stdout).toContain(part);

  const json = await cli(["audit", STOPPED_TRADE, "--json"], target.env);
  expect(json.code).toBe(EXIT.ok);
  expect(json.json).toMatchObject({ tradeId: STOPPED_TRADE, pnl: { realizedPnl: PNL_A } });
  const checks = (json.json as { risk: { checks: { check: string; passed: boolean; observed: object }[] } })
    .risk.checks;
  expect(checks).toHaveLength(7);
  expect(checks.find((c) => c.check === "balance")).toMatchObject({
    passed: true,
    observed: { balance: 1_000_000_000, openExposure: 0 },
  });
});

test("audit of a refused trade lists every check, the failed one marked", async () => {
  const human = await cli(["audit", REJECTED_TRADE], target.env);
  expect(human.code).toBe(EXIT.ok);
  expect(human.stdout).toContain("Risk  rejected  6 of 7 checks passed");
  expect(human.stdout).toContain(
    `✗ duplicate_position: KXHIGHNY-26NOV25-B45 already has a live trade: ${STOPPED_TRADE} (open)`,
  );
  expect(human.stdout).toContain("liveTradesInMarket=1");
  expect(human.stdout).toContain("remaining=$40.12");
  expect(human.stdout).toContain(
    "✓ daily_trades: 2 trades already on 2026-11-24 (UTC), this is the 3rd of at most 3 a day",
  );
  const json = await cli(["audit", REJECTED_TRADE, "--json"], target.env);
  // biome-ignore lint/suspicious/noExplicitAny: the JSON document is read field by field.
  const risk = (json.json as any).risk;
  expect(risk.verdict).toBe("rejected");
  expect(risk.checks.map((c: { passed: boolean }) => c.passed)).toEqual([
    true,
    true,
    true,
    true,
    false,
    true,
    true,
  ]);
});

test("audit of an event written before checks were recorded says so", async () => {
  const human = await cli(["audit", OLD_APPROVED_TRADE], target.env);
  expect(human.code).toBe(EXIT.ok);
  expect(human.stdout).toContain("Risk  approved");
  expect(human.stdout).toContain("checks not recorded");
  expect(human.stdout).not.toContain("✓");
  const json = await cli(["audit", OLD_APPROVED_TRADE, "--json"], target.env);
  expect(json.json).toMatchObject({ risk: { verdict: "approved", checks: null } });
});

test("exit codes: unknown trade 1, missing id 2, a bad log 65 for audit, replay and replay --verify", async () => {
  expect((await cli(["audit", "00000000-0000-4000-8000-0000000fffff"], target.env)).code).toBe(EXIT.failed);
  expect((await cli(["audit"], target.env)).code).toBe(EXIT.usage);
  expect((await cli(["replay", "--verify"], target.env)).stdout).toContain("0 differences");

  // The store's immutability trigger allows inserts: a bad row goes in like any append.
  const db = await target.open();
  const bad = rawEvent(0, { type: "NoSuchThing" });
  await appendToStream(db, "broken", [bad]);
  while ((await eventsBeyondHorizon(db)) > 0) await Bun.sleep(20); // see settleLog
  const [row] = await db.query<{ p: string }>(
    "SELECT transaction_id::text || ':' || global_position AS p FROM events WHERE event_id = $1",
    [bad.id],
  );
  await db.close();

  for (const argv of [
    ["audit", STOPPED_TRADE],
    ["replay"],
    ["replay", "--verify"],
    ["audit", STOPPED_TRADE, "--json"],
  ]) {
    const r = await cli(argv, target.env);
    expect(r.code).toBe(EXIT.badLog);
    expect(r.stderr).toContain("the event log is invalid");
    expect(r.stderr).toContain(bad.id);
    expect(r.stderr).toContain('"NoSuchThing"');
    expect(r.stderr).toContain(`position ${row?.p}`);
  }
});
