/**
 * /metrics from a real started server: the engine trading the simulator (live mode, official SDK,
 * real HTTP), Claude played by the fake Messages API, the engine's own HTTP listener. After real
 * jobs, the scraped text is parsed and every figure is checked against its source of truth.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { memoryLogger, simulatorConfig } from "../../test/support/engine.ts";
import { autoAnswer } from "../analyst/fake-messages-api/auto-answer.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "../analyst/fake-messages-api/server.ts";
import { createGraphQL, type GraphQLHandle } from "../api/graphql.ts";
import { type Engine, startEngine } from "../app.ts";
import { RateLimited } from "../exchange/errors.ts";
import { type RunningHttpServer, startHttpServer } from "../http/server.ts";
import { formatDollars, type Micros } from "../money/money.ts";
import { seededIds } from "../time/random.ts";
import { parseExposition } from "./parse.ts";

const START = Date.parse("2026-01-27T08:00:00Z");
const AI_KEY = "sk-ant-metrics-test-key-0001";
const API_TOKEN = "metrics-scrape-token-0123456789";

let sim: RunningSimulator;
let ai: FakeMessagesApi;
let t: TestDatabase;
let engine: Engine;
let graphql: GraphQLHandle;
let server: RunningHttpServer;
const log = memoryLogger();

const scrape = async () => {
  const r = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  return parseExposition(await r.text());
};

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 2026,
    markets: 600,
    quiet: true,
    clock: { mode: "manual", start: START },
  });
  ai = startFakeMessagesApi({ apiKey: AI_KEY, otherwise: autoAnswer });
  t = await createTestDatabase();
  const config = simulatorConfig(sim, {
    MIN_LIQUIDITY: "500",
    ANTHROPIC_API_KEY: AI_KEY,
    ANTHROPIC_BASE_URL: ai.url,
    API_TOKEN,
    PORT: "0",
  });
  engine = await startEngine(config, log, {
    db: t.db,
    clock: sim.clock,
    schedule: "manual",
    ids: seededIds(7),
    realtime: false,
    secrets: [AI_KEY, API_TOKEN],
  });
  graphql = createGraphQL({ db: engine.db, control: engine.control, config, clock: sim.clock, logger: log });
  server = await startHttpServer({ config, graphql, metrics: engine.metrics, host: "127.0.0.1", port: 0 });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await graphql?.close();
  await engine?.stop();
  await ai?.close();
  await sim?.stop();
  await t?.drop();
});

describe("/metrics after real jobs", () => {
  test("refresh-markets and daily-scan: runs, durations, events, lag, exchange, AI, exposure and P&L", async () => {
    expect((await engine.control.runJob("refresh-markets")).status).toBe("ok");
    expect((await engine.control.runJob("daily-scan")).status).toBe("ok");
    await engine.projector.catchUp();
    const m = await scrape();

    for (const job of ["refresh-markets", "daily-scan"]) {
      expect(m.types.get("conviction_job_runs_total")).toBe("counter");
      expect(m.value("conviction_job_runs_total", { job, status: "ok" })).toBe(1);
      expect(m.value("conviction_job_duration_seconds_count", { job })).toBe(1);
      expect(m.value("conviction_job_duration_seconds_bucket", { job, le: "+Inf" })).toBe(1);
      expect(m.value("conviction_job_duration_seconds_sum", { job })).toBeGreaterThan(0);
    }

    // Every event in the log was appended by this engine.
    const [{ n } = { n: 0 }] = await engine.db.query<{ n: number }>("SELECT count(*)::int AS n FROM events");
    expect(n).toBeGreaterThan(0);
    expect(m.value("conviction_events_appended_total")).toBe(n);
    expect(m.value("conviction_projection_lag_events")).toBe(0);
    expect(m.value("conviction_projection_events_applied_total")).toBeGreaterThanOrEqual(n);

    const markets = m.find("conviction_exchange_requests_total", { endpoint: "GET /markets", status: "200" });
    expect(markets[0]?.value).toBeGreaterThan(0);
    expect(m.value("conviction_exchange_request_duration_seconds_count", { endpoint: "GET /markets" })).toBe(
      markets.reduce((s, x) => s + x.value, 0),
    );
    expect(m.find("conviction_exchange_rate_limited_total")).toEqual([]);

    // AI: the fake's reported usage, summed from the recorded analyses.
    const analyses = await engine.db.query<{ input: number; output: number; cost: number; model: string }>(
      `SELECT (data->>'inputTokens')::int AS input, (data->>'outputTokens')::int AS output,
              (data->>'cost')::bigint AS cost, data->>'model' AS model
         FROM events WHERE event_type = 'AnalysisCompleted'`,
    );
    expect(analyses.length).toBe(1);
    const [analysis] = analyses as [(typeof analyses)[number]];
    expect(analysis.input).toBeGreaterThan(0);
    const model = analysis.model;
    expect(m.value("conviction_ai_tokens_total", { model, direction: "input" })).toBe(analysis.input);
    expect(m.value("conviction_ai_tokens_total", { model, direction: "output" })).toBe(analysis.output);
    const [cost] = m.find("conviction_ai_cost_dollars_total", { model });
    expect(cost?.text).toBe(formatDollars(Number(analysis.cost) as Micros, 6));
    expect(m.value("conviction_ai_analyses_total", { selector: "ai", status: "accepted" })).toBe(1);

    // Exposure and P&L from the read model, checked against the trades table itself.
    const [open] = await engine.db.query<{ count: number; cost: string }>(
      `SELECT count(*)::int AS count, coalesce(sum(position_size + entry_fees), 0)::text AS cost
         FROM trades WHERE status = 'open' AND contracts_purchased > contracts_sold`,
    );
    expect(open?.count).toBeGreaterThan(0);
    expect(m.value("conviction_open_positions")).toBe(open?.count ?? -1);
    expect(m.find("conviction_open_exposure_dollars")[0]?.text).toBe(
      formatDollars(Number(open?.cost) as Micros, 6),
    );
    expect(m.find("conviction_realized_pnl_dollars")[0]?.text).toBe("0.000000");
    expect(m.types.get("conviction_unrealized_pnl_dollars")).toBe("gauge");
    expect(m.value("conviction_leader", { account: engine.config.accountId })).toBe(1);
  }, 60_000);

  test("job log lines carry the job, its run and the correlation id of the events it appended", async () => {
    const done = log.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === "job done" && l.job === "daily-scan");
    expect(done?.run).toBe("daily-scan#2");
    const correlations = await engine.db.query<{ c: string }>(
      "SELECT DISTINCT metadata->>'correlationId' AS c FROM events WHERE event_type IN ('OrderPlaced', 'AnalysisCompleted', 'TradeProposed')",
    );
    expect(correlations.map((r) => r.c)).toContain(done?.correlationId as string);
  });

  test("a 429 from the exchange is counted as a request and as rate-limited", async () => {
    sim.exchange.apply({ action: "rate_limit_storm", duration_seconds: 120 });
    const attempt = engine.client.transport.fetch(
      { endpoint: "GET /exchange/status", bucket: "read", retry: false },
      (o) => engine.client.transport.apis.exchange.getExchangeStatus(o),
    );
    await expect(attempt).rejects.toBeInstanceOf(RateLimited);
    const m = await scrape();
    expect(m.value("conviction_exchange_rate_limited_total", { endpoint: "GET /exchange/status" })).toBe(1);
    expect(
      m.value("conviction_exchange_requests_total", { endpoint: "GET /exchange/status", status: "429" }),
    ).toBe(1);
  });

  test("the server is protected, so /metrics wants the bearer API_TOKEN", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: "Bearer not-the-token" },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("conviction_");
  });
});
