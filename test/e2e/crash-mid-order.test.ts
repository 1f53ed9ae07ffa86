/**
 * kill -9 of the engine in the middle of an order, then a restart: the simulator (which survives,
 * being another process's exchange) must hold no duplicate order, every fill it reports must be in
 * the log as OrderFilled, every proposal must end in a terminal event, and the projections must
 * equal a rebuild. The engine runs as real child processes (`npm run cli -- run daily-scan`).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../engine/db/open.ts";
import { verifyProjections } from "../../engine/projections/verify.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../db.ts";
import { simulatorEnv } from "../support/engine.ts";

const ROOT = join(import.meta.dir, "..", "..");
let sim: RunningSimulator;
let t: TestDatabase | null = null;
let env: Record<string, string>;

function cli(args: string[]) {
  const child = spawn(process.execPath, ["engine/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const done = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, done, output: () => output };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 99, markets: 800, quiet: true });
  const database: Record<string, string> = {};
  if (TEST_DATABASE_URL) {
    t = await createTestDatabase();
    database.DATABASE_URL = t.url ?? "";
  } else {
    database.DATA_DIR = mkdtempSync(join(tmpdir(), "conviction-crash-"));
  }
  env = {
    ...database,
    ...simulatorEnv(sim),
    TRADING_MODE: "live",
    LOG_LEVEL: "error",
    MAX_TRADES_PER_DAY: "50",
    DAILY_BUDGET: "2000",
    MIN_LIQUIDITY: "500",
  };
  const sync = cli(["run", "refresh-markets"]);
  expect(await sync.done).toBe(0);
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  await t?.drop();
});

describe("a crash in the middle of an order", () => {
  test("kill -9 as an order reaches the exchange, restart: no duplicate, nothing lost", async () => {
    // Three runs killed one after another, each the moment a new order reaches the exchange; every
    // start-up reconciles the run before it. Then one run to the end.
    for (let trial = 0; trial < 3; trial++) {
      const before = sim.exchange.ledger().orders.length;
      const run = cli(["run", "daily-scan"]);
      const deadline = Date.now() + 30_000;
      let killed = false;
      while (Date.now() < deadline && run.child.exitCode === null) {
        if (sim.exchange.ledger().orders.length > before) {
          run.child.kill("SIGKILL");
          killed = true;
          break;
        }
        await Bun.sleep(1);
      }
      await run.done;
      if (!killed) throw new Error(`trial ${trial}: no order reached the exchange\n${run.output()}`);
    }
    const last = cli(["run", "daily-scan"]);
    expect(await last.done).toBe(0);

    const ledger = sim.exchange.ledger();
    const ids = ledger.orders.map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);

    const db = await openDatabase(
      TEST_DATABASE_URL
        ? { kind: "postgres", url: env.DATABASE_URL ?? "" }
        : { kind: "pglite", dataDir: env.DATA_DIR ?? "" },
    );
    try {
      const fills = await db.query<{ fill_id: string }>(
        "SELECT data ->> 'fillId' AS fill_id FROM events WHERE event_type = 'OrderFilled'",
      );
      const recorded = new Set(fills.map((f) => f.fill_id));
      for (const f of ledger.fills) expect(recorded.has(f.fillId)).toBe(true);
      expect(recorded.size).toBe(ledger.fills.length);
      // Every proposal ended: rejected, failed, or its order recorded.
      const hanging = await db.query<{ id: string }>(
        "SELECT id FROM trades WHERE status IN ('proposed', 'pending')",
      );
      expect(hanging).toEqual([]);
      expect((await verifyProjections(db)).totalDifferences).toBe(0);
      // Not vacuous: start-up really had interrupted orders to complete from the exchange's truth.
      const reconciled = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM events WHERE metadata ->> 'actor' = 'system' AND event_type IN ('OrderPlaced', 'OrderFailed')",
      );
      expect(reconciled[0]?.n ?? 0).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  }, 180_000);
});
