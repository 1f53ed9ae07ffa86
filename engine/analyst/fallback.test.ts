/** The fallback wrapper on its own, with stand-in AI selectors (no HTTP). */
import { expect, test } from "bun:test";
import { ManualClock } from "../time/clock.ts";
import { AiCallFailed } from "./ai/attempt.ts";
import { FallbackSelector } from "./fallback.ts";
import { RulesSelector } from "./rules/selector.ts";
import { aiConfig, selectorInput, T0, TEST_KEY } from "./testing.ts";
import type { AnalysisResult, Selector } from "./types.ts";

function wrap(ai: Selector | null, clock = new ManualClock(T0)) {
  return new FallbackSelector({ config: aiConfig(), clock, ai, rules: new RulesSelector({ clock }) });
}

const aiResult = async (): Promise<AnalysisResult> => {
  const rules = await new RulesSelector({ clock: new ManualClock(T0) }).select(selectorInput());
  return { ...rules, selector: "ai", model: "m", promptVersion: "p" };
};

test("an AI result within limits passes through", async () => {
  const r = await wrap({ select: aiResult }).select(selectorInput());
  expect(r.selector).toBe("ai");
  expect(r.status).toBe("accepted");
});

test("an AI result over the limits is turned into a rejection", async () => {
  const r = await wrap({
    select: async () => {
      const x = await aiResult();
      return {
        ...x,
        selections: x.selections.map((s) => ({ ...s, allocation: 999_000_000 })),
        totalAllocated: 999_000_000 * x.selections.length,
      };
    },
  }).select(selectorInput());
  expect(r.status).toBe("rejected");
  expect(r.selections).toEqual([]);
});

test("an AI result that is not valid event data falls back to rules", async () => {
  const r = await wrap({ select: async () => ({ ...(await aiResult()), inputTokens: -1 }) }).select(
    selectorInput(),
  );
  expect(r.status).toBe("fallback");
  expect(r.rejectionReasons[0]).toContain("InvalidAnalysisResult");
});

test("an unexpected exception falls back to rules, scrubbed of the key", async () => {
  const r = await wrap({
    select: async () => {
      throw new Error(`boom with ${TEST_KEY}`);
    },
  }).select(selectorInput());
  expect(r.status).toBe("fallback");
  expect(r.rejectionReasons[0]).toBe("AI failed: Error: boom with <redacted>; rules-based selection used");
});

test("AiCallFailed keeps the spend and the latency covers the whole run", async () => {
  const clock = new ManualClock(T0);
  const r = await wrap(
    {
      select: async () => {
        clock.advance(3_000);
        throw new AiCallFailed(
          { kind: "overloaded", status: 529, requestId: "req_1", message: "AI overloaded (529)" },
          [
            {
              attempt: 1,
              requestId: "req_0",
              model: "m",
              stopReason: "end_turn",
              content: [],
              inputTokens: 100,
              outputTokens: 10,
            },
          ],
          ["answer 1: bad"],
        );
      },
    },
    clock,
  ).select(selectorInput());
  expect(r.status).toBe("fallback");
  expect(r.rejectionReasons).toEqual(["AI overloaded (529); rules-based selection used", "answer 1: bad"]);
  expect(r.inputTokens).toBe(100);
  expect(r.cost).toBe(100 * 3 + 10 * 15);
  expect(r.latencyMs).toBe(3_000);
});
