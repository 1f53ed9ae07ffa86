// biome-ignore-all lint/suspicious/noExplicitAny: request bodies are read field by field; their shape is what the tests assert.
/**
 * The notifier wired into startEngine: the engine trades the simulator (live mode, official SDK)
 * while Slack is a local receiver that works and the generic webhook one that always fails. Trades
 * are announced, the failures are recorded, and every job still runs.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { memoryLogger, simulatorConfig } from "../../test/support/engine.ts";
import { type Engine, startEngine } from "../app.ts";
import { seededIds } from "../time/random.ts";

const START = Date.parse("2026-01-27T08:00:00Z");

let sim: RunningSimulator;
let t: TestDatabase;
let engine: Engine;
let receiver: ReturnType<typeof Bun.serve>;
const slack: any[] = [];
let webhookAttempts = 0;
const log = memoryLogger();

beforeAll(async () => {
  receiver = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const body = await req.json();
      if (new URL(req.url).pathname.startsWith("/slack/")) {
        slack.push(body);
        return new Response("ok");
      }
      webhookAttempts++;
      return new Response("down for maintenance", { status: 503 });
    },
  });
  sim = await startSimulator({
    port: 0,
    seed: 2026,
    markets: 600,
    quiet: true,
    clock: { mode: "manual", start: START },
  });
  t = await createTestDatabase();
  const base = `http://127.0.0.1:${receiver.port}`;
  const config = simulatorConfig(sim, {
    MIN_LIQUIDITY: "500",
    NOTIFY_SLACK_WEBHOOK_URL: `${base}/slack/T1/B1/SECRETengineslack`,
    NOTIFY_WEBHOOK_URL: `${base}/hook/SECRETenginehook`,
  });
  engine = await startEngine(config, log, {
    db: t.db,
    clock: sim.clock,
    schedule: "manual",
    ids: seededIds(11),
    realtime: false,
    notifications: {
      sleep: async () => {},
      retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 },
      pollIntervalMs: 20,
      releaseIntervalMs: 0,
    },
  });
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await sim?.stop();
  await t?.drop();
  receiver?.stop(true);
});

async function until(what: string, done: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

test("trades and a pause are announced; a webhook that always fails is recorded and trading goes on", async () => {
  expect(engine.notifier?.channels).toEqual(["slack", "webhook"]);
  expect((await engine.control.runJob("refresh-markets")).status).toBe("ok");
  expect((await engine.control.runJob("daily-scan")).status).toBe("ok");
  const placed = (
    await engine.store.readAll({ transactionId: "0", globalPosition: 0 }, 10_000, ["OrderPlaced"])
  ).filter((e) => e.type === "OrderPlaced" && e.data.purpose === "entry");
  expect(placed.length).toBeGreaterThan(0);

  await until(
    "Slack to hear of every trade",
    () => slack.filter((b) => b.text.startsWith("Trade placed")).length === placed.length,
  );
  // The failing webhook was tried three times per trade, then recorded.
  await until("the webhook failures to be recorded", async () => {
    const errors = await engine.store.readAll({ transactionId: "0", globalPosition: 0 }, 10_000, [
      "ErrorRecorded",
    ]);
    return (
      errors.filter((e) => e.type === "ErrorRecorded" && e.data.source === "notify:webhook").length ===
      placed.length
    );
  });
  expect(webhookAttempts).toBe(3 * placed.length);

  // Meanwhile the engine runs its jobs and takes commands as ever.
  expect((await engine.control.runJob("stop-loss")).status).toBe("ok");
  await engine.control.pauseTrading("maintenance window");
  await until("Slack to hear of the pause", () =>
    slack.some((b) => b.text === "Trading paused: maintenance window"),
  );

  const everything = JSON.stringify(slack) + log.lines.join("\n");
  expect(everything).not.toContain("SECRETengineslack");
  expect(everything).not.toContain("SECRETenginehook");
}, 60_000);
