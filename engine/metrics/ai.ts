/**
 * What market selection used and cost, observed on every selector result: tokens by model and
 * direction, cost in exact dollars (the same micros AI_DAILY_COST_CAP counts), and analyses by
 * selector and status.
 */
import type { Selector } from "../analyst/types.ts";
import type { MetricsRegistry } from "./registry.ts";

export function aiMetrics(registry: MetricsRegistry) {
  const tokens = registry.counter({
    name: "conviction_ai_tokens_total",
    help: "Model tokens used for market selection, by model and direction (input, output).",
    labelNames: ["model", "direction"],
  });
  const cost = registry.counter({
    name: "conviction_ai_cost_dollars_total",
    help: "What model calls for market selection cost, in dollars (exact micros).",
    labelNames: ["model"],
    micros: true,
  });
  const analyses = registry.counter({
    name: "conviction_ai_analyses_total",
    help: "Selector runs by selector (ai, rules) and status (accepted, repaired, rejected, fallback).",
    labelNames: ["selector", "status"],
  });
  return {
    tokens,
    cost,
    analyses,
    /** The same selector, counting what each result reports. */
    instrument(selector: Selector): Selector {
      return {
        async select(input) {
          const result = await selector.select(input);
          analyses.inc({ selector: result.selector, status: result.status });
          if (result.model !== null || result.inputTokens + result.outputTokens > 0) {
            const model = result.model ?? "unknown";
            tokens.inc({ model, direction: "input" }, result.inputTokens);
            tokens.inc({ model, direction: "output" }, result.outputTokens);
            cost.inc({ model }, result.cost);
          }
          return result;
        },
      };
    },
  };
}
