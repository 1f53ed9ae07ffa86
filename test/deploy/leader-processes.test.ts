/**
 * Two real engine processes (`bun engine/main.ts`, as compose runs it) on one PostgreSQL database
 * and one account: only the holder of the leader lock runs the jobs; kill -9 the leader and the
 * standby takes over. Each process is asked through its own /readyz and /metrics.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseExposition } from "../../engine/metrics/parse.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../db.ts";
import { freePort, spawnCommand, stopProcess, waitUntil } from "./compose-support.ts";

type EngineProcess = ReturnType<typeof spawnCommand> & { port: number };

if (!onPostgres)
  console.warn(
    "leader-processes: skipped on PGlite: two processes cannot share an embedded database (set TEST_DATABASE_URL)",
  );

describe.skipIf(!onPostgres)("two engine processes on one PostgreSQL database", () => {
  let sim: RunningSimulator;
  let t: TestDatabase;
  let dataDir: string;
  const engines: EngineProcess[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 5, markets: 40, quiet: true });
    t = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), "conviction-leader-"));
  });

  afterAll(async () => {
    for (const e of engines) await stopProcess(e);
    await sim?.stop();
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startEngineProcess(): Promise<EngineProcess> {
    const port = await freePort();
    const child = spawnCommand(["bun", "engine/main.ts"], {
      DATABASE_URL: t.url as string,
      ACCOUNT_ID: "shared",
      HOST: "127.0.0.1",
      PORT: String(port),
      KALSHI_ENV: "custom",
      KALSHI_BASE_URL: sim.baseUrl,
      DATA_DIR: dataDir,
      // Every second, so "only the leader runs jobs" shows within moments.
      SCHEDULE_REFRESH_MARKETS: "* * * * * *",
    });
    const engine = Object.assign(child, { port });
    engines.push(engine);
    await waitUntil(
      `engine on port ${port}`,
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok ?? false,
      90_000,
      () => child.output,
    );
    return engine;
  }

  const metrics = async (e: EngineProcess) =>
    parseExposition(await (await fetch(`http://127.0.0.1:${e.port}/metrics`)).text());
  const jobRuns = async (e: EngineProcess) =>
    (await metrics(e)).find("conviction_job_runs_total", { job: "refresh-markets", status: "ok" })[0]
      ?.value ?? 0;
  const leads = async (e: EngineProcess) =>
    (await (await fetch(`http://127.0.0.1:${e.port}/readyz`)).json()).leader === true;

  test("only one leads and runs the jobs; after kill -9 of the leader the standby takes over", async () => {
    const first = await startEngineProcess();
    await waitUntil(
      "the first engine to lead",
      () => leads(first),
      30_000,
      () => first.output,
    );
    const second = await startEngineProcess();

    // While the first runs job after job, the second stands by and runs none.
    const before = await jobRuns(first);
    await waitUntil("two more runs on the leader", async () => (await jobRuns(first)) >= before + 2, 30_000);
    expect(await leads(second)).toBe(false);
    expect(await jobRuns(second)).toBe(0);
    const standby = await metrics(second);
    expect(standby.value("conviction_leader", { account: "shared" })).toBe(0);
    expect(standby.find("conviction_events_appended_total")[0]?.value ?? 0).toBe(0);
    expect((await fetch(`http://127.0.0.1:${second.port}/readyz`)).status).toBe(503);

    // The leader dies without a chance to release anything.
    const linesBeforeKill = second.output.length;
    await stopProcess(first, "SIGKILL");
    await waitUntil(
      "the standby to take over",
      () => leads(second),
      30_000,
      () => second.output,
    );
    await waitUntil("the new leader to run jobs", async () => (await jobRuns(second)) >= 1, 30_000);
    expect((await metrics(second)).value("conviction_leader", { account: "shared" })).toBe(1);
    const msgs = second.output.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs.slice(0, linesBeforeKill)).not.toContain("leading: this engine runs the jobs");
    expect(msgs.slice(linesBeforeKill)).toContain("leading: this engine runs the jobs");
  }, 120_000);
});
