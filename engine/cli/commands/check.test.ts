import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningSimulator } from "../../../simulator/index.ts";
import { startTestSimulator } from "../../../simulator/testing/harness.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "../../analyst/fake-messages-api/server.ts";
import { TEST_KEY } from "../../analyst/testing.ts";
import { EXIT } from "../command.ts";
import { cli } from "../testing.ts";

let sim: RunningSimulator;
let ai: FakeMessagesApi;
const base = { DATA_DIR: mkdtempSync(join(tmpdir(), "conviction-check-")), TZ: "UTC", LOG_LEVEL: "error" };
let kalshiEnv: Record<string, string>;

beforeAll(async () => {
  sim = await startTestSimulator();
  ai = startFakeMessagesApi({ apiKey: TEST_KEY });
  kalshiEnv = {
    ...base,
    KALSHI_ENV: "custom",
    KALSHI_BASE_URL: sim.baseUrl,
    KALSHI_API_ID: sim.apiKeyId,
    KALSHI_PRIVATE_KEY: sim.privateKeyPem,
  };
});
afterAll(async () => {
  ai.close();
  await sim.stop();
});

test("check kalshi against the simulator: auth, balance, markets, order book", async () => {
  const r = await cli(["check", "kalshi", "--json"], kalshiEnv);
  expect(r.code).toBe(EXIT.ok);
  const doc = r.json as { ok: boolean; steps: { name: string; status: string; detail: string }[] };
  expect(doc.steps.map((s) => [s.name, s.status])).toEqual([
    ["exchange", "ok"],
    ["auth", "ok"],
    ["balance", "ok"],
    ["markets", "ok"],
    ["orderbook", "ok"],
  ]);
  expect(doc.steps.find((s) => s.name === "balance")?.detail).toContain("cash $10000.00");
  const human = await cli(["check", "kalshi"], kalshiEnv);
  expect(human.stdout).toContain("kalshi: ok");
  expect(human.stdout).not.toContain(sim.privateKeyPem.slice(40, 80));
});

test("check kalshi: an unknown key fails with the exchange's reason, exit 1; without a key auth is skipped", async () => {
  const wrong = await cli(["check", "kalshi", "--json"], {
    ...kalshiEnv,
    KALSHI_API_ID: "00000000-0000-4000-8000-000000000bad",
  });
  expect(wrong.code).toBe(EXIT.failed);
  const steps = (wrong.json as { steps: { name: string; status: string; detail: string }[] }).steps;
  expect(steps.find((s) => s.name === "auth")?.status).toBe("failed");
  expect(steps.find((s) => s.name === "balance")?.status).toBe("skipped");
  expect(steps.find((s) => s.name === "auth")?.detail).toContain("unknown API key");

  const { KALSHI_API_ID: _, KALSHI_PRIVATE_KEY: __, ...anonymous } = kalshiEnv;
  const anon = await cli(["check", "kalshi", "--json"], anonymous);
  const anonSteps = (anon.json as { steps: { name: string; status: string }[] }).steps;
  expect(anonSteps.find((s) => s.name === "auth")?.status).toBe("skipped");
  expect(anonSteps.find((s) => s.name === "markets")?.status).toBe("ok");
});

test("check ai against the fake Messages API: ok, then a wrong key fails without printing it", async () => {
  ai.script(() => ({ kind: "text", text: "OK", model: "claude-sonnet-4-6-20260101" }));
  const ok = await cli(["check", "ai"], { ...base, ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: ai.url });
  expect(ok.code).toBe(EXIT.ok);
  expect(ok.stdout).toContain("ai: ok — claude-sonnet-4-6-20260101");
  expect(ok.stdout).not.toContain(TEST_KEY);

  const wrongKey = `${TEST_KEY}-wrong`;
  const bad = await cli(["check", "ai", "--json"], {
    ...base,
    ANTHROPIC_API_KEY: wrongKey,
    ANTHROPIC_BASE_URL: ai.url,
  });
  expect(bad.code).toBe(EXIT.failed);
  expect(bad.json).toMatchObject({ ok: false, kind: "auth", status: 401 });
  expect(bad.stdout + bad.stderr).not.toContain(wrongKey);

  const none = await cli(["check", "ai", "--json"], base);
  expect(none.code).toBe(EXIT.failed);
  expect(none.json).toMatchObject({ ok: false, kind: "no_key" });
});

test("check needs to know what: exit 2", async () => {
  expect((await cli(["check"], base)).code).toBe(EXIT.usage);
  expect((await cli(["check", "exchange"], base)).code).toBe(EXIT.usage);
});
