import { afterAll, beforeAll, expect, test } from "bun:test";
import { ManualClock } from "../time/clock.ts";
import { checkAi, formatCheckAi } from "./check-ai.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "./fake-messages-api/server.ts";
import { aiConfig, T0, TEST_KEY } from "./testing.ts";

let api: FakeMessagesApi;
beforeAll(() => {
  api = startFakeMessagesApi({ apiKey: TEST_KEY });
});
afterAll(() => api.close());

test("ok: model, latency from the clock, request id", async () => {
  const clock = new ManualClock(T0);
  api.script(() => {
    clock.advance(42);
    return { kind: "text", text: "OK", model: "claude-sonnet-4-6-20260101" };
  });
  const r = await checkAi(aiConfig({ baseUrl: api.url }), { clock });
  expect(r).toMatchObject({
    ok: true,
    model: "claude-sonnet-4-6-20260101",
    latencyMs: 42,
    endpoint: api.url,
  });
  const line = formatCheckAi(r);
  expect(line).toContain("ai: ok");
  expect(line).not.toContain(TEST_KEY);
});

test("a wrong key is a clear error without the key", async () => {
  const r = await checkAi(aiConfig({ baseUrl: api.url, apiKey: `${TEST_KEY}-wrong` }), {
    clock: new ManualClock(T0),
  });
  expect(r).toMatchObject({ ok: false, kind: "auth", status: 401 });
  const line = formatCheckAi(r, [`${TEST_KEY}-wrong`]);
  expect(line).toContain("authentication failed");
  expect(JSON.stringify(r)).not.toContain(TEST_KEY);
});

test("overloaded, unreachable, no key", async () => {
  api.script({ kind: "error", status: 529 });
  const overloaded = await checkAi(aiConfig({ baseUrl: api.url }), { clock: new ManualClock(T0) });
  expect(overloaded).toMatchObject({ ok: false, kind: "overloaded", status: 529 });
  expect(api.requests.at(-1)?.headers["x-stainless-retry-count"]).toBe("0");

  const down = await checkAi(aiConfig({ baseUrl: "http://127.0.0.1:9" }), { clock: new ManualClock(T0) });
  expect(down).toMatchObject({ ok: false, kind: "connection" });

  const none = await checkAi(aiConfig({ apiKey: null, keySource: null }), { clock: new ManualClock(T0) });
  expect(none).toMatchObject({ ok: false, kind: "no_key" });
  expect(formatCheckAi(none)).toContain("no key");
});

test("a timeout is reported as one", async () => {
  api.script({ kind: "text", text: "OK", delayMs: 1_000 });
  const r = await checkAi(aiConfig({ baseUrl: api.url, timeoutMs: 50 }), { clock: new ManualClock(T0) });
  expect(r).toMatchObject({ ok: false, kind: "timeout" });
});
