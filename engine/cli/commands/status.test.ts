import { afterAll, beforeAll, expect, test } from "bun:test";
import { EventStore } from "../../../events/event-store.ts";
import { onPostgres } from "../../../test/db.ts";
import { AUDIT_START, appendScript, auditScript, TICKER_A } from "../../audit/testing.ts";
import { loadConfig } from "../../config/index.ts";
import type { Database } from "../../db/database.ts";
import { leaderLockKey } from "../../schedule/leader.ts";
import { ManualClock } from "../../time/clock.ts";
import { seededIds } from "../../time/random.ts";
import { EXIT } from "../command.ts";
import { readStatus } from "../status/read-status.ts";
import { cli, cliTestDatabase, settleLog } from "../testing.ts";

const OPEN_TRADE = "00000000-0000-4000-8000-00000000c001";
let target: Awaited<ReturnType<typeof cliTestDatabase>>;
let db: Database;
const clock = new ManualClock(AUDIT_START);

beforeAll(async () => {
  target = await cliTestDatabase();
  db = await target.open();
  const store = new EventStore(db, { clock, ids: seededIds(5), accountId: "acct", actor: "engine" });
  await appendScript(store, clock, auditScript());
  // One position still open: 20 contracts of TICKER_A YES at 90¢ with a 0.10 fee.
  clock.set(AUDIT_START + 90 * 60_000);
  const base = { tradeId: OPEN_TRADE, ticker: TICKER_A, side: "yes" as const };
  await store.append(`trade-${OPEN_TRADE}`, [
    {
      type: "TradeProposed",
      id: OPEN_TRADE,
      data: {
        ...base,
        analysisId: null,
        scanId: null,
        title: "t",
        category: "Climate",
        seriesTicker: "KXHIGHNY",
        allocation: 20_000_000,
        limitPrice: 900_000,
        closeTime: "2026-11-25T23:00:00.000Z",
        confidence: 0.9,
        reasoning: "r",
        riskFactors: [],
        riskChecks: null,
      },
    },
    {
      type: "OrderPlaced",
      data: {
        ...base,
        clientOrderId: "c-open",
        orderId: "o-open",
        action: "buy",
        purpose: "entry",
        count: 2_000,
        limitPrice: 900_000,
        timeInForce: "immediate_or_cancel",
        mode: "paper",
      },
    },
    {
      type: "OrderFilled",
      data: {
        ...base,
        orderId: "o-open",
        fillId: "f-open",
        action: "buy",
        purpose: "entry",
        count: 2_000,
        price: 900_000,
        fee: 100_000,
        isTaker: true,
        filledAt: "2026-11-24T09:30:00.000Z",
      },
    },
  ]);
  await settleLog(db);
});
afterAll(async () => {
  await db.close().catch(() => {});
  await target.drop();
});

test("status: state, positions and exposure, today's budget, jobs, lag", async () => {
  const config = loadConfig({ ...target.env, ACCOUNT_ID: "acct" });
  clock.set("2026-11-24T12:00:00.000Z");
  const s = await readStatus(db, config, clock);
  expect(s.tradingState.status).toBe("running");
  expect(s.openPositions.map((p) => [p.tradeId, p.contracts])).toEqual([[OPEN_TRADE, 2_000]]);
  expect(s.exposure).toBe(18_100_000);
  // The latest observation of TICKER_A has YES bid 79¢: marked there, after the exit fee.
  expect(s.openPositions[0]?.marketValue).toBeLessThan(15_800_000);
  expect(s.unpricedPositions).toBe(0);
  // Today: the stopped and the won trade (spent 29.94 + 28.98) and the open one (18.10); the
  // refused one does not count.
  expect(s.today).toMatchObject({ day: "2026-11-24", trades: 3, tradesRemaining: 0 });
  expect(s.today.committed).toBe(29_940_000 + 28_980_000 + 18_100_000);
  expect(s.today.remainingBudget).toBe(100_000_000 - s.today.committed);
  const scan = s.jobs.find((j) => j.job === "daily-scan");
  expect(scan?.lastRecorded).toBe("2026-11-24T08:20:00.000Z");
  expect(scan?.nextRun).toBe("2026-11-25T08:00:00.000Z"); // SCHEDULE_DAILY_SCAN default, 08:00 UTC
  expect(s.jobs.find((j) => j.job === "check-resolutions")?.lastRecorded).toBe("2026-11-25T23:05:00.000Z"); // settledAt
  expect(s.projectionLag).toBe(0);
  expect(s.leader).toBeNull(); // no engine runs
});

test("status on the command line: exit 0 running, 1 paused; --json", async () => {
  await db.close();
  const env = { ...target.env, ACCOUNT_ID: "acct" };
  const running = await cli(["status"], env);
  expect(running.code).toBe(EXIT.ok);
  expect(running.stdout).toContain("running");
  expect(running.stdout).toContain("Open positions");
  expect((await cli(["pause", "testing"], env)).code).toBe(EXIT.ok);
  const again = await target.open();
  await settleLog(again);
  await again.close();
  const paused = await cli(["status", "--json"], env);
  expect(paused.code).toBe(EXIT.failed);
  expect(paused.json).toMatchObject({
    tradingState: { status: "paused", reason: "testing" },
    accountId: "acct",
  });
});

test.skipIf(!onPostgres)(
  "status names the engine holding the account's leader lock (PostgreSQL)",
  async () => {
    const config = loadConfig({ ...target.env, ACCOUNT_ID: "acct" });
    const engine = await target.open();
    const watcher = await target.open();
    try {
      // What a leading engine holds: the session advisory lock on the account's key.
      const conn = await engine.reserve();
      try {
        const [me] = await conn.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await conn.query("SELECT pg_advisory_lock($1)", [leaderLockKey("acct")]);
        const s = await readStatus(watcher, config, new ManualClock("2026-11-24T12:00:00.000Z"));
        expect(s.leaderKnown).toBe(true);
        expect(s.leader?.pid).toBe(me?.pid ?? -1);
        await conn.query("SELECT pg_advisory_unlock($1)", [leaderLockKey("acct")]);
      } finally {
        await conn.release();
      }
      expect(
        (await readStatus(watcher, config, new ManualClock("2026-11-24T12:00:00.000Z"))).leader,
      ).toBeNull();
    } finally {
      await engine.close();
      await watcher.close();
    }
  },
);
