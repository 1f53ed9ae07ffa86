/**
 * Entry point for the daily scan: one call, the AnalysisCompleted data back. Builds the fallback
 * chain from the configuration (AI when a key is set, rules otherwise).
 */
import type Anthropic from "@anthropic-ai/sdk";
import type { AiConfig } from "../config/config.ts";
import type { Clock } from "../time/clock.ts";
import { AiSelector } from "./ai/selector.ts";
import { FallbackSelector } from "./fallback.ts";
import { RulesSelector } from "./rules/selector.ts";
import type { WinRateTable } from "./rules/win-rate.ts";
import type { AnalysisResult, Selector, SelectorInput } from "./types.ts";

export interface AnalystOptions {
  ai: AiConfig;
  clock: Clock;
  /** Injected in tests; otherwise built from `ai`. */
  client?: Anthropic;
  winRates?: WinRateTable;
  maxTokens?: number;
}

export function createSelector(options: AnalystOptions): Selector {
  const rules = new RulesSelector({
    clock: options.clock,
    ...(options.winRates ? { winRates: options.winRates } : {}),
  });
  const ai = options.ai.apiKey
    ? new AiSelector({
        config: options.ai,
        clock: options.clock,
        ...(options.client ? { client: options.client } : {}),
        ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
      })
    : null;
  return new FallbackSelector({ config: options.ai, clock: options.clock, ai, rules });
}

export function analyze(input: SelectorInput, options: AnalystOptions): Promise<AnalysisResult> {
  return createSelector(options).select(input);
}
