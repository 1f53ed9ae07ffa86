/**
 * Planted secrets, scanned for in every output of a real `npm start` process (engine/main.ts):
 * its logs (at debug level), every event it wrote, the GraphQL responses, the dashboard's HTML on
 * every page, /metrics and /readyz. The process trades against the simulator (the Kalshi private
 * key is the simulator's real one) with the AI on the fake Messages API (which checks the planted
 * key), so the secrets are really used, not just configured.
 * engine/api/secrets.test.ts covers the GraphQL side field by field in-process; this one is the
 * whole process end to end. Notification webhook secrets are not planted: they would need fake
 * Slack/Discord/Telegram endpoints, and engine/config/secrets.test.ts covers their redaction.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autoAnswer } from "../../engine/analyst/fake-messages-api/auto-answer.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "../../engine/analyst/fake-messages-api/server.ts";
import { loadConfig, secretValues } from "../../engine/config/index.ts";
import { pemBodyLines } from "../../engine/config/testing.ts";
import { openDatabase } from "../../engine/db/open.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../db.ts";
import { simulatorEnv } from "../support/engine.ts";
import { CHAOS_ENABLED, recordFigures } from "./figures.ts";

const ROOT = join(import.meta.dir, "..", "..");
const PASSWORD = `PLANTED-dashboard-${crypto.randomUUID().slice(0, 8)}`;
const API_TOKEN = `PLANTED-api-token-${crypto.randomUUID()}`;
const SESSION_SECRET = `PLANTED-session-secret-${crypto.randomUUID()}`;
const AI_KEY = `sk-ant-api03-PLANTED-${crypto.randomUUID()}`;
const DB_PASSWORD = `PLANTEDdbpw${crypto.randomUUID().slice(0, 8)}`;

let sim: RunningSimulator;
let ai: FakeMessagesApi;
let t: TestDatabase | null = null;
let env: Record<string, string>;
let planted: string[];
let child: ChildProcess;
let logs = "";
let baseUrl = "";
const outputs: { what: string; text: string }[] = [];

async function graphql(query: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await r.text();
  outputs.push({ what: `graphql ${query.slice(0, 40)}`, text: text + (r.headers.get("set-cookie") ?? "") });
  return JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe.skipIf(!CHAOS_ENABLED)("planted secrets never leave the process", () => {
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 31, markets: 120, tier: "prime", quiet: true });
    ai = startFakeMessagesApi({ apiKey: AI_KEY, otherwise: autoAnswer });
    const database: Record<string, string> = {};
    if (TEST_DATABASE_URL) {
      t = await createTestDatabase();
      const url = new URL(t.url ?? "");
      url.password = DB_PASSWORD; // the local server trusts 127.0.0.1; the password is only planted
      database.DATABASE_URL = url.toString();
    } else database.DATA_DIR = mkdtempSync(join(tmpdir(), "conviction-secrets-"));
    env = {
      ...database,
      ...simulatorEnv(sim),
      KALSHI_TIER: "prime",
      TRADING_MODE: "live",
      MIN_LIQUIDITY: "500",
      ANTHROPIC_API_KEY: AI_KEY,
      ANTHROPIC_BASE_URL: ai.url,
      DASHBOARD_PASSWORD: PASSWORD,
      SESSION_SECRET,
      API_TOKEN,
      PORT: "0",
      LOG_LEVEL: "debug",
      // Nothing runs on its own during the test: every job is asked for through the API.
      SCHEDULE_REFRESH_MARKETS: "0 0 1 1 *",
      SCHEDULE_DAILY_SCAN: "0 0 1 1 *",
      SCHEDULE_MORNING_REPORT: "0 0 1 1 *",
    };
    planted = [
      ...new Set([
        ...secretValues(loadConfig({ ...env, TZ: "UTC" })),
        ...pemBodyLines(sim.privateKeyPem),
        PASSWORD,
        SESSION_SECRET,
        API_TOKEN,
        AI_KEY,
        ...(TEST_DATABASE_URL ? [DB_PASSWORD] : []),
      ]),
    ].filter((s) => s.length >= 8);

    child = spawn(process.execPath, ["engine/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => {
      logs += d;
    });
    child.stderr?.on("data", (d) => {
      logs += d;
    });
    const deadline = Date.now() + 60_000;
    while (!baseUrl && Date.now() < deadline && child.exitCode === null) {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(logs);
      if (m?.[1]) baseUrl = m[1];
      else await Bun.sleep(50);
    }
    if (!baseUrl) throw new Error(`the engine did not start listening:\n${logs.slice(-3000)}`);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await ai?.close();
    await sim?.stop();
    await t?.drop();
  });

  test("logs, events, GraphQL, dashboard HTML, /metrics and /readyz hold none of them", async () => {
    expect(planted.length).toBeGreaterThanOrEqual(8);
    // A wrong login first (its error is an output too), then the real one.
    await graphql(`mutation { login(password: "${PASSWORD}-wrong") { token } }`);
    const login = await graphql(`mutation { login(password: "${PASSWORD}") { token } }`);
    const token = (login.data?.login as { token?: string } | undefined)?.token;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login)}`);
    const auth = { cookie: `conviction_session=${token}` };
    for (const job of ["refresh-markets", "daily-scan", "stop-loss"]) {
      const r = await graphql(`mutation { runJob(name: "${job}") { status message } }`, auth);
      expect(r.errors ?? []).toEqual([]);
    }
    await graphql(
      "{ config { variables { name source value } } health { database { detail } exchange { detail } ai { detail } } errors { nodes { message stack context } } events(first: 100) { nodes { data } } decisions { nodes { rawResponse } } }",
      auth,
    );
    for (const page of [
      "/",
      "/trades",
      "/decisions",
      "/scanner",
      "/logs",
      "/monthly",
      "/backtests",
      "/settings",
      "/login",
    ]) {
      const r = await fetch(`${baseUrl}${page}`, { headers: auth });
      outputs.push({ what: `page ${page} (${r.status})`, text: await r.text() });
    }
    for (const path of ["/metrics", "/readyz", "/healthz"]) {
      const r = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
      outputs.push({ what: path, text: await r.text() });
    }
    expect(ai.requests.length).toBeGreaterThan(0); // the AI key was really used

    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    outputs.push({ what: "logs", text: logs });
    const db = t ? t.db : await openDatabase({ kind: "pglite", dataDir: env.DATA_DIR ?? "" });
    try {
      const events = await db.query<{ e: string }>("SELECT row_to_json(events)::text AS e FROM events");
      expect(events.length).toBeGreaterThan(10);
      outputs.push({ what: `${events.length} events`, text: events.map((x) => x.e).join("\n") });
    } finally {
      if (!t) await db.close();
    }

    const leaks = outputs.flatMap((o) =>
      planted.filter((s) => o.text.includes(s)).map((s) => `${o.what}: ${s.slice(0, 14)}…`),
    );
    recordFigures("secrets-scan", {
      secretValuesPlanted: planted.length,
      outputsScanned: outputs.length,
      bytesScanned: outputs.reduce((n, o) => n + o.text.length, 0),
      leaks: leaks.length,
    });
    expect(leaks).toEqual([]);
  }, 120_000);
});
