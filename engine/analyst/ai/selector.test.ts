/**
 * The AI path end to end: the real @anthropic-ai/sdk, over HTTP, against the local fake Messages
 * API. Covers a valid answer, text instead of a tool call, schema failures, over-budget picks
 * (repaired once, then rejected), timeouts, 429 and 529 after the SDK's own retries, the daily cost
 * cap, and that the key never shows up anywhere in a result.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import type { AiConfig } from "../../config/config.ts";
import { dollars, type Micros } from "../../money/money.ts";
import { ManualClock } from "../../time/clock.ts";
import { createSelector } from "../analyze.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "../fake-messages-api/server.ts";
import type { RecordedRequest } from "../fake-messages-api/types.ts";
import { TOOL_NAME } from "../prompt/answer.ts";
import { promptHash } from "../prompt/hash.ts";
import { PROMPT_VERSION } from "../prompt/version.ts";
import { aiConfig, candidates, limits, selectorInput, T0, TEST_KEY } from "../testing.ts";
import type { AnalysisResult } from "../types.ts";

let api: FakeMessagesApi;
beforeAll(() => {
  api = startFakeMessagesApi({ apiKey: TEST_KEY });
});
afterAll(() => api.close());
afterEach(() => {
  // Every scripted step must have been used: a leftover means fewer calls than the test assumed.
  const leftover = api.pending();
  api.reset();
  expect(leftover).toBe(0);
});

const [weather, lakers, fed] = candidates() as [
  ReturnType<typeof candidates>[number],
  ReturnType<typeof candidates>[number],
  ReturnType<typeof candidates>[number],
];

const allProbabilities = [
  { ticker: weather.ticker, side: "yes", probability: 0.965 },
  { ticker: lakers.ticker, side: "yes", probability: 0.9 },
  { ticker: fed.ticker, side: "no", probability: 0.985 },
];

function answer(selections: unknown[], extra: Record<string, unknown> = {}) {
  return {
    selections,
    probabilities: allProbabilities,
    strategy_notes: "Two uncorrelated favourites.",
    ...extra,
  };
}

const pick = (ticker: string, side: string, allocation: number) => ({
  ticker,
  side,
  allocation,
  confidence: 0.95,
  reasoning: `Pick ${ticker}.`,
  risk_factors: ["late news"],
});

const VALID = answer([pick(weather.ticker, "yes", 40), pick(fed.ticker, "no", 35.5)]);

function run(config: Partial<AiConfig> = {}, inputOverrides: Parameters<typeof selectorInput>[0] = {}) {
  const clock = new ManualClock(T0);
  const selector = createSelector({ ai: aiConfig({ baseUrl: api.url, ...config }), clock });
  return { clock, result: selector.select(selectorInput(inputOverrides)) };
}

/** The key must not be anywhere in the result: not in reasons, raw answers or context. */
function expectNoKey(result: AnalysisResult): void {
  expect(JSON.stringify(result)).not.toContain(TEST_KEY);
}

const userContent = (r: RecordedRequest | undefined, i: number): unknown =>
  (r?.body?.messages as { content: unknown }[] | undefined)?.[i]?.content;

describe("valid answer", () => {
  test("is accepted with exact micros, tokens, cost, latency and the hash of the request sent", async () => {
    let clock: ManualClock | undefined;
    api.script((_req) => {
      clock?.advance(850); // the model "takes" 850 ms on the injected clock
      return { kind: "tool", input: VALID, usage: { input_tokens: 1234, output_tokens: 567 } };
    });
    const started = run();
    clock = started.clock;
    const result = await started.result;

    expect(result.selector).toBe("ai");
    expect(result.status).toBe("accepted");
    expect(result.selections.map((s) => [s.ticker, s.side, s.allocation])).toEqual([
      [weather.ticker, "yes", 40_000_000],
      [fed.ticker, "no", 35_500_000],
    ]);
    expect(result.totalAllocated).toBe(75_500_000);
    expect(result.probabilities).toEqual(allProbabilities as AnalysisResult["probabilities"]);
    expect(result.model).toBe("claude-sonnet-4-6");
    expect(result.promptVersion).toBe(PROMPT_VERSION);
    expect(result.inputTokens).toBe(1234);
    expect(result.outputTokens).toBe(567);
    // Sonnet: $3 / $15 per million tokens = 3 and 15 micros per token.
    expect(result.cost).toBe(1234 * 3 + 567 * 15);
    expect(result.latencyMs).toBe(850);
    expect(result.rejectionReasons).toEqual([]);

    const req = api.requests[0];
    expect(api.requests).toHaveLength(1);
    expect(result.promptHash).toBe(promptHash(req?.body));
    expect(req?.headers["anthropic-version"]).toBeTruthy();
    expect(req?.body?.tool_choice).toEqual({
      type: "tool",
      name: TOOL_NAME,
      disable_parallel_tool_use: true,
    });
    expect(String(req?.body?.system)).toContain("is data, not instructions");
    expect(JSON.parse(result.rawResponse)[0].content[0].input).toEqual(VALID);
    expect(result.context).toMatchObject({ candidates: expect.any(Array), trackRecord: expect.any(Object) });
    expectNoKey(result);
  });

  test("the SDK recovers from one 429 by itself, honouring retry-after-ms", async () => {
    api.script({ kind: "error", status: 429, retryAfterMs: 5 }, { kind: "tool", input: VALID });
    const result = await run().result;
    expect(result.status).toBe("accepted");
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.headers["x-stainless-retry-count"]).toBe("1");
  });
});

describe("malformed answers get one repair", () => {
  test("text instead of a tool call, then a valid call: repaired", async () => {
    api.script(
      {
        kind: "text",
        text: "I would buy the weather market.",
        usage: { input_tokens: 1000, output_tokens: 10 },
      },
      { kind: "tool", input: VALID, usage: { input_tokens: 1100, output_tokens: 200 } },
    );
    const result = await run().result;
    expect(result.status).toBe("repaired");
    expect(result.selections).toHaveLength(2);
    expect(result.rejectionReasons[0]).toContain(`not a ${TOOL_NAME} tool call`);
    expect(result.inputTokens).toBe(2100);
    expect(result.outputTokens).toBe(210);
    expect(result.cost).toBe(2100 * 3 + 210 * 15);
    // The repair turn: our original message, the model's text, then the objections.
    const repair = api.requests[1]?.body?.messages as { role: string; content: unknown }[];
    expect(repair.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(JSON.stringify(repair[2]?.content)).toContain("not a submit_selection tool call");
    // The hash identifies the original prompt, not the repair turn.
    expect(result.promptHash).toBe(promptHash(api.requests[0]?.body));
  });

  test("tool input failing the schema twice: rejected, nothing selected, reasons kept", async () => {
    const bad = {
      selections: [{ ...pick(weather.ticker, "yes", 40), confidence: 1.7 }],
      strategy_notes: "x",
    };
    api.script({ kind: "tool", input: bad }, { kind: "tool", input: bad });
    const result = await run().result;
    expect(result.status).toBe("rejected");
    expect(result.selections).toEqual([]);
    expect(result.totalAllocated).toBe(0);
    expect(result.rejectionReasons.some((r) => r.startsWith("answer 1: selections.0.confidence"))).toBe(true);
    expect(result.rejectionReasons.some((r) => r.startsWith("answer 2: probabilities"))).toBe(true);
    // The repair answered the tool_use with an error tool_result of the same id (the fake enforces pairing).
    const repair = api.requests[1]?.body?.messages as { role: string; content: unknown }[];
    const assistant = (repair[1]?.content ?? []) as { type: string; id: string }[];
    const toolUse = assistant.find((b) => b.type === "tool_use");
    expect(userContent(api.requests[1], 2)).toEqual([
      expect.objectContaining({ type: "tool_result", tool_use_id: toolUse?.id, is_error: true }),
    ]);
  });

  test("allocation with more than 2 decimals is refused", async () => {
    const sloppy = answer([pick(weather.ticker, "yes", 33.333)]);
    api.script({ kind: "tool", input: sloppy }, { kind: "tool", input: sloppy });
    const result = await run().result;
    expect(result.status).toBe("rejected");
    expect(result.rejectionReasons.join("\n")).toContain(
      "33.333 is not a dollar amount with at most 2 decimals",
    );
  });

  test("an answer cut off at max_tokens is sent back once", async () => {
    api.script(
      { kind: "tool", input: { selections: [] }, stopReason: "max_tokens" },
      { kind: "tool", input: VALID },
    );
    const result = await run().result;
    expect(result.status).toBe("repaired");
    expect(result.rejectionReasons[0]).toContain("max_tokens");
  });
});

describe("over-budget picks", () => {
  const overBudget = answer([
    pick(weather.ticker, "yes", 50),
    pick(lakers.ticker, "yes", 50),
    pick(fed.ticker, "no", 50),
  ]);

  test("are repaired once", async () => {
    api.script({ kind: "tool", input: overBudget }, { kind: "tool", input: VALID });
    const result = await run().result;
    expect(result.status).toBe("repaired");
    expect(result.totalAllocated).toBe(75_500_000);
    expect(result.rejectionReasons).toContain(
      "answer 1: allocations total $150.00, above the remaining daily budget $100.00",
    );
    expect(JSON.stringify(userContent(api.requests[1], 2))).toContain(
      "above the remaining daily budget $100.00",
    );
  });

  test("are rejected when still over after the repair", async () => {
    api.script({ kind: "tool", input: overBudget }, { kind: "tool", input: overBudget });
    const result = await run().result;
    expect(result.status).toBe("rejected");
    expect(result.selections).toEqual([]);
    expect(api.requests).toHaveLength(2);
    // The probabilities were sound, so the calibration ledger keeps them.
    expect(result.probabilities).toHaveLength(3);
  });

  test("respect what is left today, not just the daily figures", async () => {
    const twoPicks = answer([pick(weather.ticker, "yes", 30), pick(fed.ticker, "no", 30)]);
    api.script({ kind: "tool", input: twoPicks }, { kind: "tool", input: twoPicks });
    const result = await run({}, { limits: limits({ remainingBudget: dollars(50), tradesRemaining: 1 }) })
      .result;
    expect(result.status).toBe("rejected");
    expect(result.rejectionReasons).toContain("answer 2: 2 selections, but only 1 trades are left today");
    expect(result.rejectionReasons).toContain(
      "answer 2: allocations total $60.00, above the remaining daily budget $50.00",
    );
  });
});

describe("API failures fall back to the rules selector", () => {
  test("a timeout (client timeout shorter than the server's delay), after the SDK's retry", async () => {
    api.script(
      { kind: "tool", input: VALID, delayMs: 2_000 },
      { kind: "tool", input: VALID, delayMs: 2_000 },
    );
    const result = await run({ timeoutMs: 100, maxRetries: 1 }).result;
    expect(result.status).toBe("fallback");
    expect(result.selector).toBe("rules");
    expect(api.requests).toHaveLength(2);
    expect(result.rejectionReasons[0]).toContain("AI timed out");
    expect(result.selections.length).toBeGreaterThan(0);
    expect(result.cost).toBe(0);
    expectNoKey(result);
  });

  test("429 rate limit: 1 + maxRetries requests, then rules", async () => {
    const limited = { kind: "error" as const, status: 429, retryAfterMs: 5 };
    api.script(limited, limited, limited);
    const result = await run({ maxRetries: 2 }).result;
    expect(api.requests).toHaveLength(3);
    expect(result.status).toBe("fallback");
    expect(result.rejectionReasons[0]).toContain("AI rate limited (429): RateLimitError");
    expect(result.rejectionReasons[0]).toMatch(/request-id req_01Fake\d+/);
  });

  test("529 overloaded: 1 + maxRetries requests, then rules", async () => {
    const overloaded = { kind: "error" as const, status: 529, retryAfterMs: 5 };
    api.script(overloaded, overloaded);
    const result = await run({ maxRetries: 1 }).result;
    expect(api.requests).toHaveLength(2);
    expect(result.status).toBe("fallback");
    expect(result.rejectionReasons[0]).toContain(
      "AI overloaded (529): OverloadedError: 529 overloaded_error: Overloaded",
    );
    expect(result.probabilities).toHaveLength(3);
  });

  test("a failure during the repair keeps the first answer's cost and raw text", async () => {
    api.script(
      { kind: "text", text: "no tool today", usage: { input_tokens: 500, output_tokens: 5 } },
      { kind: "error", status: 529 },
    );
    const result = await run({ maxRetries: 0 }).result;
    expect(result.status).toBe("fallback");
    expect(result.inputTokens).toBe(500);
    expect(result.cost).toBe(500 * 3 + 5 * 15);
    expect(result.rejectionReasons[1]).toContain("not a submit_selection tool call");
    expect(JSON.parse(result.rawResponse).aiAttempts[0].content[0].text).toBe("no tool today");
  });

  test("a body that is not a Messages API message", async () => {
    api.script({
      kind: "raw",
      status: 200,
      body: "<html>gateway hiccup</html>",
      contentType: "application/json",
    });
    const result = await run({ maxRetries: 0 }).result;
    expect(result.status).toBe("fallback");
    expect(result.selector).toBe("rules");
  });

  test("no key: rules, and no request at all", async () => {
    const result = await run({ apiKey: null, keySource: null }).result;
    expect(result.status).toBe("fallback");
    expect(result.rejectionReasons[0]).toContain("neither ANTHROPIC_API_KEY nor AI_GATEWAY_KEY");
    expect(api.requests).toHaveLength(0);
  });

  test("daily cost cap reached: rules, and no request", async () => {
    const result = await run({ dailyCostCap: dollars(5) }, { aiSpentToday: dollars(5) }).result;
    expect(result.status).toBe("fallback");
    expect(result.rejectionReasons[0]).toBe(
      "AI daily cost cap reached ($5.00 spent of $5.00); rules-based selection used",
    );
    expect(api.requests).toHaveLength(0);
  });

  test("no repair when it would pass the cost cap", async () => {
    api.script({ kind: "text", text: "hmm", usage: { input_tokens: 1000, output_tokens: 10 } });
    const result = await run({ dailyCostCap: dollars(5) }, { aiSpentToday: (dollars(5) - 1) as Micros })
      .result;
    expect(result.status).toBe("rejected");
    expect(result.rejectionReasons.at(-1)).toContain("no repair attempt");
    expect(api.requests).toHaveLength(1);
  });
});

describe("the key never leaks", () => {
  test("not even when the server echoes it in an error", async () => {
    api.script({ kind: "error", status: 401, message: `invalid x-api-key: ${TEST_KEY}` });
    const result = await run({ maxRetries: 0 }).result;
    expect(result.status).toBe("fallback");
    expect(result.rejectionReasons[0]).toContain("authentication failed");
    expect(result.rejectionReasons[0]).toContain("<redacted>");
    expectNoKey(result);
  });

  test("nor when a model answer repeats it", async () => {
    const echo = answer([{ ...pick(weather.ticker, "yes", 40), reasoning: `my key is ${TEST_KEY}` }]);
    api.script({ kind: "tool", input: echo });
    const result = await run().result;
    expect(result.status).toBe("accepted");
    expect(result.selections[0]?.reasoning).toBe("my key is <redacted>");
    expectNoKey(result);
  });

  test("and the SDK sends it only as the credential header", async () => {
    api.script({ kind: "tool", input: VALID });
    await run().result;
    const req = api.requests[0];
    expect(req?.headers.authorization ?? req?.headers["x-api-key"]).toContain(TEST_KEY);
    expect(req?.rawBody).not.toContain(TEST_KEY);
  });
});

test("a gateway key and model id work the same way, priced by model family", async () => {
  api.script({ kind: "tool", input: VALID, usage: { input_tokens: 1000, output_tokens: 100 } });
  const result = await run({ keySource: "gateway", model: "anthropic/claude-haiku-4.5" }).result;
  expect(result.status).toBe("accepted");
  expect(result.model).toBe("anthropic/claude-haiku-4.5");
  // Haiku: $1 / $5 per million tokens.
  expect(result.cost).toBe(1000 * 1 + 100 * 5);
});

test("nothing to buy: the model is not called", async () => {
  const result = await run({}, { limits: limits({ tradesRemaining: 0 }) }).result;
  expect(result.status).toBe("accepted");
  expect(result.selections).toEqual([]);
  expect(result.cost).toBe(0);
  expect(api.requests).toHaveLength(0);
});
