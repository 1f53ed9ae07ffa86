/**
 * What a model call cost, in micros, with integer arithmetic only. Prices are per million tokens,
 * held as micros per million tokens ($3/MTok = 3_000_000), so cost = ceil(Σ tokens × price / 1e6):
 * rounded up, because the daily cap must never be under-counted.
 */
import { divRound, type Micros } from "../money/money.ts";

export interface ModelPrice {
  family: string;
  /** Micros per million input tokens. */
  input: number;
  /** Micros per million output tokens. */
  output: number;
}

/**
 * First match wins, so specific versions come before their family. Matching is by substring, so
 * gateway ids ("anthropic/claude-sonnet-4.5") and dated ids price the same as the plain ones.
 */
export const PRICE_TABLE: readonly { pattern: RegExp; price: ModelPrice }[] = [
  // Opus 4.5 was repriced from Opus 4's $15/$75. Later Opus ids fall to the older, dearer line
  // until their price is confirmed here: over-counting only stops the AI early, under-counting breaks the cap.
  { pattern: /opus-4[.-]5/, price: { family: "opus-4.5", input: 5_000_000, output: 25_000_000 } },
  { pattern: /opus/, price: { family: "opus", input: 15_000_000, output: 75_000_000 } },
  { pattern: /sonnet/, price: { family: "sonnet", input: 3_000_000, output: 15_000_000 } },
  { pattern: /haiku/, price: { family: "haiku", input: 1_000_000, output: 5_000_000 } },
];

/** An unknown model is priced as the dearest family: over-counting only stops the AI early. */
export const UNKNOWN_MODEL_PRICE: ModelPrice = { family: "unknown", input: 15_000_000, output: 75_000_000 };

export function priceOf(model: string): ModelPrice {
  const id = model.toLowerCase();
  return PRICE_TABLE.find((p) => p.pattern.test(id))?.price ?? UNKNOWN_MODEL_PRICE;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export function costOf(model: string, usage: TokenUsage): Micros {
  return costAt(priceOf(model), usage);
}

export function costAt(price: ModelPrice, usage: TokenUsage): Micros {
  const total =
    BigInt(usage.inputTokens) * BigInt(price.input) + BigInt(usage.outputTokens) * BigInt(price.output);
  return Number(divRound(total, 1_000_000n, "up")) as Micros;
}
