import { afterAll, beforeAll, expect, test } from "bun:test";
import { EventStore } from "../../../events/event-store.ts";
import { appendToStream } from "../../../events/store/append.ts";
import { eventsBeyondHorizon } from "../../../events/store/read.ts";
import { rawEvent } from "../../../test/support/events.ts";
import { AUDIT_START, appendScript, auditScript, PNL_A, STOPPED_TRADE } from "../../audit/testing.ts";
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
    "passed every check",
    "stop_loss",
    "triggered at 79¢ (threshold 80¢, realtime)",
    "sold (stop-loss) at 79¢",
    "P&L after fees  -$5.11",
  ])
    expect(human.stdout).toContain(part);

  const json = await cli(["audit", STOPPED_TRADE, "--json"], target.env);
  expect(json.code).toBe(EXIT.ok);
  expect(json.json).toMatchObject({ tradeId: STOPPED_TRADE, pnl: { realizedPnl: PNL_A } });
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
