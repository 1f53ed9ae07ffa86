/** The fake must behave like the real API where our client depends on it. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import Anthropic, { OverloadedError, RateLimitError } from "@anthropic-ai/sdk";
import { autoAnswer } from "./auto-answer.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "./server.ts";

const KEY = "sk-ant-fake-server-test-key";
let api: FakeMessagesApi;
beforeAll(() => {
  api = startFakeMessagesApi({ apiKey: KEY });
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const client = (maxRetries = 0) =>
  new Anthropic({ apiKey: KEY, baseURL: api.url, maxRetries, logLevel: "off" });
const tool = { name: "answer", input_schema: { type: "object" as const, properties: {} } };

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.url}/v1/messages`, {
    method: "POST",
    headers: {
      "x-api-key": KEY,
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

describe("responses", () => {
  test("a tool_use message with usage, stop_reason and a request-id header", async () => {
    api.script({ kind: "tool", input: { x: 1 }, usage: { input_tokens: 10, output_tokens: 20 } });
    const { data, request_id } = await client()
      .messages.create({
        model: "claude-haiku-4-5",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
        tools: [tool],
        tool_choice: { type: "tool", name: "answer" },
      })
      .withResponse();
    expect(data).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5",
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 20 },
    });
    expect(data.content[0]).toMatchObject({ type: "tool_use", name: "answer", input: { x: 1 } });
    expect(data.id).toMatch(/^msg_/);
    expect(request_id).toMatch(/^req_/);
  });

  test("529 overloaded_error and 429 rate_limit_error, as the SDK's own error classes", async () => {
    api.script({ kind: "error", status: 529 }, { kind: "error", status: 429, retryAfterSeconds: 3 });
    const params = { model: "m", max_tokens: 5, messages: [{ role: "user" as const, content: "hi" }] };
    const overloaded = await client()
      .messages.create(params)
      .catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(OverloadedError);
    expect(overloaded).toMatchObject({ status: 529, type: "overloaded_error", apiMessage: "Overloaded" });
    const limited = await client()
      .messages.create(params)
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers.get("retry-after")).toBe("3");
    expect((limited as RateLimitError).requestID).toMatch(/^req_/);
  });

  test("the error body has the API's shape", async () => {
    api.script({ kind: "error", status: 529 });
    const res = await post({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    expect(res.status).toBe(529);
    expect(await res.json()).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
      request_id: res.headers.get("request-id"),
    });
  });
});

describe("request checks", () => {
  const base = { model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] };

  test("authentication and version headers", async () => {
    expect((await post(base, { "x-api-key": "wrong" })).status).toBe(401);
    const noVersion = await fetch(`${api.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": KEY },
      body: JSON.stringify(base),
    });
    expect(noVersion.status).toBe(400);
    expect((await post(base, { "x-api-key": "", authorization: `Bearer ${KEY}` })).status).not.toBe(401);
  });

  test("body, tool_choice and tool_result pairing", async () => {
    const problem = async (body: unknown) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string } }).error.message;
    };
    expect(await problem("nope")).toContain("as JSON");
    expect(await problem({ ...base, max_tokens: 0 })).toContain("max_tokens");
    expect(await problem({ ...base, messages: [] })).toContain("at least one message");
    expect(await problem({ ...base, tools: [tool], tool_choice: { type: "tool", name: "other" } })).toContain(
      "not found",
    );
    const toolUse = { type: "tool_use", id: "toolu_1", name: "answer", input: {} };
    expect(
      await problem({
        ...base,
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: [toolUse] },
          { role: "user", content: "no result" },
        ],
      }),
    ).toContain("without `tool_result` blocks");
    expect(
      await problem({
        ...base,
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: [toolUse] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_2", content: "x" }] },
        ],
      }),
    ).toContain("unexpected `tool_use_id`");
    const res404 = await fetch(`${api.url}/v1/complete`, { method: "POST" });
    expect(res404.status).toBe(404);
  });

  test("nothing scripted is a loud 500, never a silent success", async () => {
    const res = await post(base);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("no response scripted");
  });
});

test("autoAnswer reads the data blocks and answers validly", () => {
  const text = [
    "<limits>",
    JSON.stringify({ tradesRemaining: 2, minPositionSize: "20.00", remainingBudget: "100.00" }),
    "</limits>",
    "<candidates>",
    JSON.stringify([
      { ticker: "A", side: "yes", price: "0.9500" },
      { ticker: "B", side: "no", price: "0.9000" },
    ]),
    "</candidates>",
  ].join("\n");
  const step = autoAnswer({
    seq: 1,
    method: "POST",
    path: "/v1/messages",
    headers: {},
    rawBody: "",
    body: { messages: [{ role: "user", content: text }] },
  });
  expect(step).toMatchObject({
    kind: "tool",
    input: {
      selections: [{ ticker: "A", side: "yes", allocation: 20 }],
      probabilities: [
        { ticker: "A", probability: 0.96 },
        { ticker: "B", probability: 0.91 },
      ],
    },
  });
});
