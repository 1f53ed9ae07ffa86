import { expect, test } from "bun:test";
import fc from "fast-check";
import { costAt, costOf, priceOf } from "./cost.ts";

test("prices by model family, whatever the id's form", () => {
  expect(priceOf("claude-sonnet-4-6").family).toBe("sonnet");
  expect(priceOf("anthropic/claude-sonnet-4.5").family).toBe("sonnet");
  expect(priceOf("claude-haiku-4-5-20251001").family).toBe("haiku");
  expect(priceOf("claude-opus-4-1").family).toBe("opus");
  expect(priceOf("claude-opus-4-5-20251101").family).toBe("opus-4.5");
  expect(priceOf("some-new-model").family).toBe("unknown");
});

test("integer micros: $3/$15 per million for Sonnet, $1/$5 Haiku, $15/$75 Opus", () => {
  expect(costOf("claude-sonnet-4-6", { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(
    18_000_000 as never,
  );
  expect(costOf("claude-sonnet-4-6", { inputTokens: 12_345, outputTokens: 678 })).toBe(
    (12_345 * 3 + 678 * 15) as never,
  );
  expect(costOf("claude-haiku-4-5", { inputTokens: 10_000, outputTokens: 2_000 })).toBe(20_000 as never);
  expect(costOf("claude-opus-4-1", { inputTokens: 1, outputTokens: 1 })).toBe(90 as never);
  expect(costOf("claude-opus-4-5", { inputTokens: 1_000_000, outputTokens: 0 })).toBe(5_000_000 as never);
  expect(costOf("x", { inputTokens: 0, outputTokens: 0 })).toBe(0 as never);
});

test("fractions of a micro round up, never down", () => {
  // $0.80 / $4 per million tokens (Haiku 3.5's price): 0.8 micros per input token.
  const price = { family: "t", input: 800_000, output: 4_000_000 };
  expect(costAt(price, { inputTokens: 3, outputTokens: 0 })).toBe(3 as never); // 2.4 → 3
  expect(costAt(price, { inputTokens: 5, outputTokens: 0 })).toBe(4 as never); // exactly 4
  expect(costAt(price, { inputTokens: 1, outputTokens: 1 })).toBe(5 as never); // 0.8 + 4 = 4.8 → 5
});

test("property: exact integers even at large token counts", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2_000_000_000 }),
      fc.integer({ min: 0, max: 2_000_000_000 }),
      (i, o) => {
        const cost = costOf("claude-sonnet-4-6", { inputTokens: i, outputTokens: o });
        expect(Number.isSafeInteger(cost)).toBe(true);
        expect(BigInt(cost)).toBe(BigInt(i) * 3n + BigInt(o) * 15n);
      },
    ),
  );
});
