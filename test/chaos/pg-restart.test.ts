/**
 * A real PostgreSQL restart in the middle of a trading cycle (issue 8: "cut the database connection
 * in the middle of a cycle, and restart PostgreSQL"). The shared cluster must not be restarted, so
 * this test makes its own (test/chaos/private-cluster.ts), runs the engine as a real process on the
 * simulator against it, and while a daily-scan is under way kills the server with
 * `pg_ctl stop -m immediate` (a crash: no checkpoint, every connection cut), starts it again (WAL
 * recovery), and restarts the engine the way a supervisor would. Then: the exchange holds no
 * duplicate order, every exchange fill is an OrderFilled, nothing hangs, projections equal a
 * rebuild, and the next cycle trades.
 *
 * Half the cuts land the moment the first order of the cycle reaches the exchange (the dangerous
 * moment: the order exists, its events may not), half at a seeded random moment of the cycle.
 * Runs once per chaos run (test/chaos/run.ts sets CHAOS_PRIVATE_CLUSTER on one pass); skips, saying
 * so, only when PostgreSQL's initdb is not installed.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { openPostgres } from "../../engine/db/postgres.ts";
import { seededRandom } from "../../engine/time/random.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { simulatorEnv } from "../support/engine.ts";
import { engineProcess, runToEnd, TRADE_EVERY_CYCLE } from "./engine-process.ts";
import { CHAOS_ENABLED, MODE, recordFigures, SEED } from "./figures.ts";
import { SAFE, type SafeState, safeState } from "./invariants.ts";
import { createPrivateCluster, findPostgresBin, type PrivateCluster } from "./private-cluster.ts";

const BIN = findPostgresBin();
const ENABLED = CHAOS_ENABLED && process.env.CHAOS_PRIVATE_CLUSTER === "1";
if (ENABLED && !BIN)
  console.warn(
    "SKIP pg-restart: PostgreSQL's initdb is not installed (looked in PG_BIN and /usr/lib/postgresql/*/bin)",
  );
const RESTARTS = MODE === "full" ? 6 : 2;

let sim: RunningSimulator;
let cluster: PrivateCluster | null = null;
let env: Record<string, string>;
const rng = seededRandom(SEED + 8);
const figures = {
  postgresRestarts: 0,
  restartsMidCycle: 0,
  cutAtFirstOrder: 0,
  interruptedRunsFailed: 0,
  restartsTradedOn: 0,
  ordersAfterRestarts: 0,
  duplicateOrders: 0,
  fillsLost: 0,
  hangingProposals: 0,
  projectionDifferences: 0,
};

async function checkSafe(label: string): Promise<void> {
  const db = openPostgres(cluster?.url ?? "", { max: 1 });
  let state: SafeState;
  try {
    state = await safeState(sim, db);
  } finally {
    await db.close();
  }
  figures.duplicateOrders = Math.max(figures.duplicateOrders, state.duplicateOrders);
  figures.fillsLost = Math.max(figures.fillsLost, state.fillsLost);
  figures.hangingProposals += state.hangingProposals;
  figures.projectionDifferences += state.projectionDifferences;
  expect({ label, ...state }).toEqual({ label, ...SAFE });
}

/**
 * Trading goes on: held positions are pushed below the stop and a stop-loss cycle must sell them
 * (new orders at the exchange). It also frees the markets, so the next scan has something to buy.
 */
async function tradeOn(): Promise<number> {
  const held = sim.exchange.ledger().positions.filter((p) => p.position !== 0);
  const dropped: { ticker: string; restore: string }[] = [];
  for (const p of held) {
    try {
      sim.exchange.setPrice(p.ticker, p.position > 0 ? "0.70" : "0.30", true);
      dropped.push({ ticker: p.ticker, restore: p.position > 0 ? "0.93" : "0.07" });
    } catch {
      // settled meanwhile: nothing to sell
    }
  }
  const before = sim.exchange.ledger().orders.length;
  await runToEnd(["run", "stop-loss"], env);
  for (const d of dropped) {
    try {
      sim.exchange.setPrice(d.ticker, d.restore, false);
    } catch {
      // settled meanwhile
    }
  }
  return sim.exchange.ledger().orders.length - before;
}

describe.skipIf(!ENABLED || !BIN)("PostgreSQL restarted (pg_ctl stop -m immediate) mid-cycle", () => {
  beforeAll(async () => {
    cluster = await createPrivateCluster(BIN ?? "");
    sim = await startSimulator({
      port: 0,
      seed: (SEED + 8) % 100_000,
      markets: 150,
      tier: "prime",
      quiet: true,
      startingBalanceCents: 100_000_000,
    });
    env = {
      DATABASE_URL: cluster.url,
      ...simulatorEnv(sim),
      ...TRADE_EVERY_CYCLE,
    };
    await runToEnd(["run", "refresh-markets"], env);
  }, 120_000);

  afterAll(async () => {
    recordFigures("pg-restart", figures);
    await sim?.stop();
    cluster?.destroy(); // always: stops the server and deletes the cluster
  });

  test(`${RESTARTS} real restarts of PostgreSQL during a daily-scan, each followed by a restarted engine that trades on`, async () => {
    const warm = performance.now();
    await runToEnd(["run", "daily-scan"], env);
    const cycleMs = performance.now() - warm;
    await checkSafe("warm-up");
    await tradeOn(); // frees the markets the warm-up bought

    for (let trial = 0; figures.restartsMidCycle < RESTARTS; trial++) {
      if (trial >= RESTARTS * 4)
        throw new Error(`only ${figures.restartsMidCycle} of ${RESTARTS} cuts landed mid-cycle`);
      const atFirstOrder = trial % 2 === 0;
      const ordersBefore = sim.exchange.ledger().orders.length;
      const run = engineProcess(["run", "daily-scan"], env);
      let exited = false;
      void run.done.then(() => {
        exited = true;
      });
      const moment = atFirstOrder
        ? (async () => {
            while (!exited && sim.exchange.ledger().orders.length === ordersBefore) await Bun.sleep(2);
          })()
        : Bun.sleep(cycleMs * (0.2 + 0.6 * rng.next()));
      const finishedFirst = await Promise.race([run.done.then(() => true), moment.then(() => false)]);
      if (finishedFirst) continue; // the cycle ended before the cut: not a mid-cycle trial, go again

      cluster?.crash();
      figures.postgresRestarts++;
      figures.restartsMidCycle++;
      if (atFirstOrder) figures.cutAtFirstOrder++;
      await Bun.sleep(300 + Math.floor(rng.next() * 700)); // the server stays down a moment
      cluster?.start();

      // The interrupted run ends by itself, failed or recovered; a hang would be a finding.
      const code = await Promise.race([run.done, Bun.sleep(60_000).then(() => "hung" as const)]);
      if (code === "hung") {
        run.child.kill("SIGKILL");
        throw new Error(`trial ${trial}: the engine hung after the PostgreSQL restart\n${run.output()}`);
      }
      if (code !== 0) figures.interruptedRunsFailed++;

      // The supervisor's restart: the same start-up (migrate, catch up, reconcile), then the job.
      await runToEnd(["run", "daily-scan"], env);
      const label = `trial ${trial} (${atFirstOrder ? "at the first order" : "random moment"})`;
      await checkSafe(label);
      // And the next cycle trades: orders reach the exchange and are recorded.
      const orders = await tradeOn();
      figures.ordersAfterRestarts += orders;
      expect({ label, tradedOn: orders > 0 }).toEqual({ label, tradedOn: true });
      figures.restartsTradedOn++;
      await checkSafe(`${label}, next cycle`);
    }
    expect(figures.restartsTradedOn).toBe(RESTARTS);
    expect(figures.cutAtFirstOrder).toBeGreaterThan(0);
  }, 900_000);
});
