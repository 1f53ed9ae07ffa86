/**
 * The live AI for a backtest: the same AiSelector the engine uses (behind the same fallback to
 * the rules), but its HTTP goes through a cache keyed by the SHA-256 of the request as sent, kept
 * on disk, so a rerun asks the model nothing and costs nothing; and new calls stop at a hard
 * budget for the whole run. A call is refused when its worst case (every byte of the request an
 * input token, plus max_tokens of output) could take the spend past the budget, so the budget is
 * never exceeded, not even by one call. Refused calls fall back to the rules, as in live trading
 * once AI_DAILY_COST_CAP is reached.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { ANTHROPIC_DEFAULT_BASE_URL } from "../../analyst/ai/client.ts";
import { createSelector } from "../../analyst/analyze.ts";
import { costOf } from "../../analyst/cost.ts";
import type { Selector } from "../../analyst/types.ts";
import type { AiConfig } from "../../config/config.ts";
import type { Clock } from "../../time/clock.ts";

interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AiSpend {
  /** Micros spent on calls the cache did not have. */
  spent: number;
  /** Calls answered from the cache. */
  hits: number;
  /** Calls that went to the model. */
  misses: number;
  /** Calls refused by the budget. */
  refused: number;
}

export class AiBudgetExhausted extends Error {
  override readonly name = "AiBudgetExhausted";
}

/** A fetch for the SDK: answers from the cache, else asks (within budget) and stores the answer. */
export function cachingFetch(options: { dir: string; budgetMicros: number; spend: AiSpend }): typeof fetch {
  mkdirSync(options.dir, { recursive: true });
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === "string" ? init.body : "";
    const url = String(input instanceof Request ? input.url : input);
    const key = createHash("sha256").update(new URL(url).pathname).update("\0").update(body).digest("hex");
    const file = join(options.dir, `${key}.json`);
    let cached: CachedResponse | null = null;
    try {
      cached = JSON.parse(readFileSync(file, "utf8")) as CachedResponse;
    } catch {
      cached = null;
    }
    if (cached) {
      options.spend.hits++;
      return new Response(cached.body, { status: cached.status, headers: cached.headers });
    }
    const request = JSON.parse(body || "{}") as { model?: string; max_tokens?: number };
    const model = request.model ?? "";
    const worst = costOf(model, { inputTokens: body.length, outputTokens: request.max_tokens ?? 0 });
    if (options.spend.spent + worst > options.budgetMicros) {
      options.spend.refused++;
      throw new AiBudgetExhausted(
        `backtest AI budget reached: $${(options.spend.spent / 1e6).toFixed(2)} spent of $${(options.budgetMicros / 1e6).toFixed(2)}, and the next call could cost up to $${(worst / 1e6).toFixed(2)}`,
      );
    }
    options.spend.misses++;
    const response = await fetch(input, init);
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => {
      headers[k] = v;
    });
    if (response.ok) {
      const usage = (JSON.parse(text) as { usage?: { input_tokens?: number; output_tokens?: number } }).usage;
      options.spend.spent += costOf(model, {
        inputTokens: usage?.input_tokens ?? 0,
        outputTokens: usage?.output_tokens ?? 0,
      });
      // Only answers are cached: an error is asked again next time.
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify({ status: response.status, headers, body: text }));
      renameSync(tmp, file);
    }
    return new Response(text, { status: response.status, headers });
  };
  return f as typeof fetch;
}

/** The engine's selector chain (AI, rules on failure) with the cached, budgeted client. */
export function cachedAiSelector(options: {
  ai: AiConfig;
  clock: Clock;
  cacheDir: string;
  budgetMicros: number;
  spend: AiSpend;
}): Selector {
  if (!options.ai.apiKey) throw new Error("--selector ai needs ANTHROPIC_API_KEY or AI_GATEWAY_KEY");
  const client = new Anthropic({
    apiKey: options.ai.apiKey,
    baseURL: options.ai.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL,
    timeout: options.ai.timeoutMs,
    // A refused or failed call goes to the rules at once; retries would only spend.
    maxRetries: 0,
    logLevel: "off",
    fetch: cachingFetch({ dir: options.cacheDir, budgetMicros: options.budgetMicros, spend: options.spend }),
  });
  // AI_DAILY_COST_CAP still applies per simulated day, as live; the budget caps the whole run.
  return createSelector({ ai: options.ai, clock: options.clock, client });
}
