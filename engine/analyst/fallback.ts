/**
 * The selector the engine uses: AI when it can, rules when it cannot, so paper trading always
 * runs. No key, today's AI spend at AI_DAILY_COST_CAP, or the API failing after the SDK's own
 * retries (timeout, 429, 529, connection, …) all give a rules-based result with status "fallback"
 * and the reason in rejectionReasons. Whatever AI spend happened first is kept on the result, so
 * the next run's "spent today" still counts it.
 */
import type { AiConfig } from "../config/config.ts";
import type { Clock } from "../time/clock.ts";
import { AiCallFailed, type AttemptRecord, type Spend, spendOf } from "./ai/attempt.ts";
import { describeAiError } from "./ai/errors.ts";
import { guardResult } from "./guard.ts";
import { showDollars } from "./money-text.ts";
import { redactDeep } from "./redact.ts";
import type { RulesSelector } from "./rules/selector.ts";
import type { AnalysisResult, Selector, SelectorInput } from "./types.ts";

export interface FallbackSelectorOptions {
  config: AiConfig;
  clock: Clock;
  /** null when no key is configured. */
  ai: Selector | null;
  rules: RulesSelector;
}

const NO_SPEND: Spend = { inputTokens: 0, outputTokens: 0, cost: 0 as Spend["cost"] };

export class FallbackSelector implements Selector {
  readonly #options: FallbackSelectorOptions;

  constructor(options: FallbackSelectorOptions) {
    this.#options = options;
  }

  async select(input: SelectorInput): Promise<AnalysisResult> {
    const { config, clock, ai } = this.#options;
    const secrets = [config.apiKey];
    const started = clock.now();
    let result: AnalysisResult;
    if (!ai || !config.apiKey) {
      result = await this.#rules(input, started, [
        "AI selection is off: neither ANTHROPIC_API_KEY nor AI_GATEWAY_KEY is set; rules-based selection used",
      ]);
    } else if (input.aiSpentToday >= config.dailyCostCap) {
      result = await this.#rules(input, started, [
        `AI daily cost cap reached ($${showDollars(input.aiSpentToday)} spent of $${showDollars(config.dailyCostCap)}); rules-based selection used`,
      ]);
    } else {
      try {
        // Guarded here, so an AI result that is not even valid event data falls back like a failure.
        result = guardResult(await ai.select(input), input);
      } catch (error) {
        if (error instanceof AiCallFailed) {
          result = await this.#rules(
            input,
            started,
            [`${error.failure.message}; rules-based selection used`, ...error.priorErrors],
            spendOf(config.model, error.attempts),
            error.attempts,
          );
        } else {
          // Not an API failure (a bug, or a response we could not read): still trade by the rules.
          result = await this.#rules(input, started, [
            `${describeAiError(error, secrets).message}; rules-based selection used`,
          ]);
        }
      }
    }
    return redactDeep(guardResult(result, input), secrets);
  }

  async #rules(
    input: SelectorInput,
    started: number,
    reasons: string[],
    spend: Spend = NO_SPEND,
    attempts: readonly AttemptRecord[] = [],
  ): Promise<AnalysisResult> {
    const rules = await this.#options.rules.select(input);
    return {
      ...rules,
      status: "fallback",
      rejectionReasons: reasons,
      // The rules decided, but any AI answers that came first are part of the record.
      rawResponse:
        attempts.length === 0
          ? rules.rawResponse
          : JSON.stringify({ aiAttempts: attempts, rules: JSON.parse(rules.rawResponse) as unknown }),
      inputTokens: spend.inputTokens,
      outputTokens: spend.outputTokens,
      cost: spend.cost,
      latencyMs: Math.max(0, Math.round(this.#options.clock.now() - started)),
    };
  }
}
