/**
 * kill -9 of the engine at seeded random moments of a trading cycle, many times over, against one
 * simulator that stays up (it is the exchange: another company's process). Extends
 * test/e2e/crash-mid-order.test.ts (which kills exactly as an order reaches the exchange) to random
 * moments of both halves of a cycle: buying (daily-scan) and selling (stop-loss after the test
 * drops a held market's price). After every trial the engine is restarted and runs the same job to
 * its end, then: the simulator's ledger holds no duplicate order; every fill it reports is in the
 * log as OrderFilled; no proposal hangs; projections equal a full rebuild; the restart exited 0.
 *
 * On PostgreSQL the suite also cuts the database mid-cycle. Restarting the server is not allowed
 * here (the cluster is shared with other work and CI), so the cut is simulated: the test database
 * stops accepting connections (ALTER DATABASE … ALLOW_CONNECTIONS false, which binds superusers
 * too, unlike CONNECTION LIMIT) and every backend on it is terminated, as a restart would; a moment
 * later connections are allowed again. PGlite is embedded: there is no connection to cut. A real
 * restart (pg_ctl stop -m immediate, then start) runs on a private cluster in pg-restart.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../../engine/db/database.ts";
import { openDatabase } from "../../engine/db/open.ts";
import { openPostgres } from "../../engine/db/postgres.ts";
import { verifyProjections } from "../../engine/projections/verify.ts";
import { seededRandom } from "../../engine/time/random.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, onPostgres, TEST_DATABASE_URL, type TestDatabase } from "../db.ts";
import { simulatorEnv } from "../support/engine.ts";
import { engineProcess, runToEnd, TRADE_EVERY_CYCLE } from "./engine-process.ts";
import { CHAOS_ENABLED, CRASH_TRIALS, MODE, recordFigures, SEED } from "./figures.ts";

const DB_CUTS = onPostgres ? (MODE === "full" ? 20 : 8) : 0;

let sim: RunningSimulator;
let t: TestDatabase | null = null;
let env: Record<string, string>;
const rng = seededRandom(SEED);

const figures = {
  killTrials: 0,
  killsWithOrderInFlight: 0,
  dbCutTrials: 0,
  dbCutRunsFailed: 0,
  duplicateOrders: 0,
  fillsWithoutOrderFilled: 0,
  hangingProposals: 0,
  projectionDifferences: 0,
  restartsCompleted: 0,
  exchangeOrders: 0,
  exchangeFills: 0,
};

async function withCheckDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (t) return fn(t.db);
  // PGlite: the child has exited, so the data directory is ours to open until the next trial.
  const db = await openDatabase({ kind: "pglite", dataDir: env.DATA_DIR ?? "" });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Every invariant a crash must not break; counts what broke into the figures, then asserts. */
async function checkInvariants(label: string): Promise<void> {
  const ledger = sim.exchange.ledger();
  const ids = ledger.orders.map((o) => o.clientOrderId);
  const duplicates = ids.length - new Set(ids).size;
  const { missing, extra, hanging, differences } = await withCheckDb(async (db) => {
    const fills = await db.query<{ fill_id: string }>(
      "SELECT data ->> 'fillId' AS fill_id FROM events WHERE event_type = 'OrderFilled'",
    );
    const recorded = new Set(fills.map((f) => f.fill_id));
    const hangingRows = await db.query<{ id: string }>(
      "SELECT id FROM trades WHERE status IN ('proposed', 'pending')",
    );
    return {
      missing: ledger.fills.filter((f) => !recorded.has(f.fillId)).length,
      extra: recorded.size - ledger.fills.length,
      hanging: hangingRows.length,
      differences: (await verifyProjections(db)).totalDifferences,
    };
  });
  figures.duplicateOrders = Math.max(figures.duplicateOrders, duplicates);
  figures.fillsWithoutOrderFilled = Math.max(figures.fillsWithoutOrderFilled, missing);
  figures.hangingProposals += hanging;
  figures.projectionDifferences += differences;
  figures.exchangeOrders = ledger.orders.length;
  figures.exchangeFills = ledger.fills.length;
  expect({ label, duplicates, missing, extra, hanging, differences }).toEqual({
    label,
    duplicates: 0,
    missing: 0,
    extra: 0,
    hanging: 0,
    differences: 0,
  });
}

/** Held positions (from the exchange's truth) pushed below the stop, so stop-loss has work. */
function dropHeldPrices(): { ticker: string; restore: string }[] {
  const held = sim.exchange.ledger().positions.filter((p) => p.position !== 0);
  const picked: { ticker: string; restore: string }[] = [];
  for (const p of held) {
    if (picked.length >= 2 || rng.next() < 0.5) continue;
    const yes = p.position > 0;
    try {
      sim.exchange.setPrice(p.ticker, yes ? "0.70" : "0.30", true);
      picked.push({ ticker: p.ticker, restore: yes ? "0.93" : "0.07" });
    } catch {
      // settled meanwhile: nothing to sell
    }
  }
  return picked;
}

function restorePrices(dropped: { ticker: string; restore: string }[]): void {
  for (const d of dropped) {
    try {
      sim.exchange.setPrice(d.ticker, d.restore, false);
    } catch {
      // settled meanwhile
    }
  }
}

/** How long each job's cycle takes here, so kill moments spread over the whole of it. */
const cycleMs: Record<string, number> = {};
async function timedRun(job: string): Promise<void> {
  const started = performance.now();
  await runToEnd(["run", job], env);
  cycleMs[job] = Math.max(cycleMs[job] ?? 0, performance.now() - started);
}

async function cutDatabase(): Promise<void> {
  const name = new URL(t?.url ?? "").pathname.slice(1);
  const admin = openPostgres(TEST_DATABASE_URL ?? "", { max: 1 });
  try {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query(
      "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    );
    await Bun.sleep(300);
  } finally {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await admin.close();
  }
}

describe.skipIf(!CHAOS_ENABLED)("kill -9 at random moments of a trading cycle", () => {
  beforeAll(async () => {
    // A small catalog and the top rate-limit tier keep a whole cycle near one second.
    sim = await startSimulator({
      port: 0,
      seed: SEED % 100_000,
      markets: 150,
      tier: "prime",
      quiet: true,
      startingBalanceCents: 100_000_000,
    });
    const database: Record<string, string> = {};
    if (TEST_DATABASE_URL) {
      t = await createTestDatabase();
      database.DATABASE_URL = t.url ?? "";
    } else database.DATA_DIR = mkdtempSync(join(tmpdir(), "conviction-chaos-"));
    env = {
      ...database,
      ...simulatorEnv(sim),
      ...TRADE_EVERY_CYCLE,
    };
    await runToEnd(["run", "refresh-markets"], env);
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    await t?.drop();
  });

  test(`${CRASH_TRIALS} kills (and ${DB_CUTS} database cuts), each followed by a restart that trades on`, async () => {
    await timedRun("daily-scan");
    await timedRun("stop-loss");
    await checkInvariants("warm-up");
    const total = CRASH_TRIALS + DB_CUTS;
    try {
      for (let trial = 0; trial < total; trial++) {
        const cut = trial >= CRASH_TRIALS;
        const job = rng.next() < 0.5 ? "daily-scan" : "stop-loss";
        const dropped = job === "stop-loss" ? dropHeldPrices() : [];
        // Half the kills anywhere in the cycle (start-up, reconciliation, scan), half in its last
        // part, where orders go out and fills come back.
        const cycle = cycleMs[job] ?? 1000;
        const moment = rng.next() < 0.5 ? rng.next() * cycle * 1.1 : cycle * (0.5 + 0.6 * rng.next());
        const ordersBefore = sim.exchange.ledger().orders.length;
        const run = engineProcess(["run", job], env);
        const exited = await Promise.race([run.done.then(() => true), Bun.sleep(moment).then(() => false)]);
        if (cut) {
          figures.dbCutTrials++;
          if (!exited) await cutDatabase();
          // The run either finishes or fails cleanly; a hang would be a finding, so it is bounded.
          const code = await Promise.race([run.done, Bun.sleep(60_000).then(() => "hung" as const)]);
          if (code === "hung") {
            run.child.kill("SIGKILL");
            throw new Error(`trial ${trial}: the engine hung after the database cut\n${run.output()}`);
          }
          if (code !== 0) figures.dbCutRunsFailed++;
        } else {
          figures.killTrials++;
          if (!exited) run.child.kill("SIGKILL");
          await run.done;
          if (sim.exchange.ledger().orders.length > ordersBefore) figures.killsWithOrderInFlight++;
        }
        // Restart: the same start-up path as `npm start` reconciles, then the job runs to its end.
        await runToEnd(["run", job], env);
        figures.restartsCompleted++;
        restorePrices(dropped);
        await checkInvariants(
          `trial ${trial} (${cut ? "database cut" : "kill -9"} in ${job} at ${Math.round(moment)} ms)`,
        );
      }
    } finally {
      recordFigures("crash", figures);
    }
    // Not vacuous: kills really landed with orders on their way, and trading went on throughout.
    if (figures.killTrials >= 20) expect(figures.killsWithOrderInFlight).toBeGreaterThan(0);
    expect(figures.restartsCompleted).toBe(total);
    expect(figures.exchangeOrders).toBeGreaterThan(total / 4);
  }, 1_800_000);
});
