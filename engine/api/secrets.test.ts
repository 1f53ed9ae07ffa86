import { afterAll, beforeAll, expect, test } from "bun:test";
import { getIntrospectionQuery } from "graphql";
import { secretValues } from "../config/index.ts";
import { pemBodyLines } from "../config/testing.ts";
import { gql } from "./testing/client.ts";
import { API_TOKEN, configWithSecrets, PASSWORD } from "./testing/config.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";
import { IDS } from "./testing/seed.ts";

const config = configWithSecrets();
const planted = [
  ...secretValues(config),
  ...pemBodyLines(config.kalshi.credentials?.privateKeyPem ?? ""),
  "db-pass-PLANTED-77",
  "PLANTED",
];
let f: ApiFixture;
const responses: { query: string; text: string; setCookie: string | null }[] = [];

beforeAll(async () => {
  f = await apiFixture({ config });
});
afterAll(() => f.close());

async function send(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const r = await gql(f.api, query, {
    variables,
    headers: { authorization: `Bearer ${API_TOKEN}`, ...headers },
  });
  responses.push({ query, text: r.text, setCookie: r.headers.get("set-cookie") });
  return r;
}

test("every entry point answers without a single secret", async () => {
  expect(planted.length).toBeGreaterThan(10);
  const queries = [
    `{ config { accountId timezone logLevel trading { mode dailyBudget { micros } } database { kind dataDir url passwordConfigured }
       server { host port dashboardPasswordConfigured apiTokenConfigured } kalshi { env restUrl wsUrl tier apiKeyId privateKeyConfigured }
       ai { enabled keySource baseUrl model timeoutMs maxRetries dailyCostCap { micros } }
       schedules { timezone refreshMarkets dailyScan morningReport stopLoss checkResolutions monthlyAnalysis }
       notify { slackConfigured discordConfigured telegramConfigured webhookConfigured } variables { name source value } } }`,
    "{ overview { balance { micros } totalPnl { display } tradingState { status reason } equityCurve { date } dailyPnl { date } } }",
    "{ trades(first: 100) { nodes { id aiReasoning riskFactors rejectionReasons { check detail } market { rules question } decision { rawResponse } } } }",
    `{ trade(id: "${IDS.openTrade}") { story { summary event { data } } } }`,
    "{ positions { ticker unrealizedPnl { display } } }",
    "{ decisions { nodes { rawResponse strategyNotes picks { reasoning } } } calibration { brier } }",
    "{ scan { criteria { name value } candidates { ticker } } scans { nodes { id } } }",
    "{ monthlyAnalyses { nodes { insights marketTypeAnalysis calibration } } dailyReports { nodes { body summary } } }",
    "{ stopLossEvents { nodes { reason } } errors { nodes { message stack context } } }",
    "{ events(first: 100) { nodes { data } } }",
    "{ health { database { detail } exchange { detail } ai { detail } jobs } }",
    getIntrospectionQuery({ descriptions: true }),
    "mutation { runScan(dryRun: true) { scan { id } decision { rawResponse } } }",
    'mutation { pauseTrading(reason: "secret check") { status reason } }',
    'mutation { runJob(name: "stop-loss") { message } }',
  ];
  for (const query of queries) {
    const r = await send(query);
    expect(r.errors).toEqual([]);
  }
  // Errors too: a failed login, a bad input, and the masked unexpected one.
  await gql(f.api, "mutation($p: String!) { login(password: $p) { token } }", {
    variables: { p: `${PASSWORD}x` },
    clientIp: "10.9.9.9",
  }).then((r) => responses.push({ query: "login", text: r.text, setCookie: r.headers.get("set-cookie") }));
  await send('mutation { runJob(name: "nope") { status } }');
  const login = await gql(f.api, "mutation($p: String!) { login(password: $p) { token } }", {
    variables: { p: PASSWORD },
  });
  responses.push({ query: "login ok", text: login.text, setCookie: login.headers.get("set-cookie") });

  for (const r of responses) {
    for (const secret of planted) {
      if (r.text.includes(secret) || r.setCookie?.includes(secret))
        throw new Error(`response to ${r.query.slice(0, 60)} contains a secret (${secret.slice(0, 12)}…)`);
    }
  }
  // The redactor is only a backstop: no resolver needed it (only the public config shows the
  // marker, put there by publicConfig itself; the SDL's descriptions mention it too).
  for (const r of responses.slice(1).filter((x) => !x.query.includes("__schema")))
    expect(r.text.includes("<redacted>")).toBe(false);
  const shown = JSON.parse(responses[0]?.text ?? "{}").data.config;
  expect(shown.server).toMatchObject({ dashboardPasswordConfigured: true, apiTokenConfigured: true });
  expect(shown.database.url).toContain("<redacted>");
  expect(shown.variables.find((v: { name: string }) => v.name === "ANTHROPIC_API_KEY").value).toBe(
    "<redacted>",
  );
});

test("a secret that slips into engine output (an error detail) is redacted on the way out", async () => {
  const original = f.control.healthReport;
  f.control.healthReport = {
    ...original,
    ai: { status: "down", detail: `401 for key ${config.ai.apiKey}` },
    exchange: { status: "degraded", detail: `retrying with ${config.server.dashboardPassword}` },
  };
  const r = await send("{ health { ai { detail } exchange { detail } } }");
  expect(r.text).not.toContain(config.ai.apiKey ?? "∅");
  expect(r.text).not.toContain(PASSWORD);
  expect(r.text).toContain("401 for key <redacted>");
  f.control.healthReport = original;
});
