/**
 * `check ai`: one tiny request to the configured endpoint, to tell an operator whether AI selection
 * will work before the morning scan relies on it. Reports ok, latency and the model that answered,
 * or a one-line reason. The key is never printed, not even in part.
 */
import type Anthropic from "@anthropic-ai/sdk";
import type { AiConfig } from "../config/config.ts";
import type { Clock } from "../time/clock.ts";
import { ANTHROPIC_DEFAULT_BASE_URL, createAnthropicClient } from "./ai/client.ts";
import { type AiErrorKind, describeAiError } from "./ai/errors.ts";
import { redactText } from "./redact.ts";

export type CheckAiResult =
  | {
      ok: true;
      endpoint: string;
      keySource: AiConfig["keySource"];
      model: string;
      latencyMs: number;
      requestId: string | null;
      inputTokens: number;
      outputTokens: number;
    }
  | {
      ok: false;
      endpoint: string;
      keySource: AiConfig["keySource"];
      kind: AiErrorKind | "no_key";
      status: number | null;
      latencyMs: number;
      error: string;
    };

export interface CheckAiOptions {
  clock: Clock;
  /** Injected in tests. */
  client?: Anthropic;
  /** A check should answer quickly: no retries unless asked. */
  maxRetries?: number;
}

export async function checkAi(config: AiConfig, options: CheckAiOptions): Promise<CheckAiResult> {
  const endpoint = config.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL;
  const keySource = config.keySource;
  if (!config.apiKey) {
    return {
      ok: false,
      endpoint,
      keySource,
      kind: "no_key",
      status: null,
      latencyMs: 0,
      error:
        "no key: set ANTHROPIC_API_KEY, or AI_GATEWAY_KEY with ANTHROPIC_BASE_URL (rules-based selection runs meanwhile)",
    };
  }
  const client = options.client ?? createAnthropicClient(config, { maxRetries: options.maxRetries ?? 0 });
  const started = options.clock.now();
  const elapsed = () => Math.max(0, Math.round(options.clock.now() - started));
  try {
    const { data, request_id } = await client.messages
      .create({ model: config.model, max_tokens: 8, messages: [{ role: "user", content: "Reply with OK." }] })
      .withResponse();
    return {
      ok: true,
      endpoint,
      keySource,
      model: data.model,
      latencyMs: elapsed(),
      requestId: request_id ?? null,
      inputTokens: data.usage.input_tokens,
      outputTokens: data.usage.output_tokens,
    };
  } catch (error) {
    const d = describeAiError(error, [config.apiKey]);
    return {
      ok: false,
      endpoint,
      keySource,
      kind: d.kind,
      status: d.status,
      latencyMs: elapsed(),
      error: d.message,
    };
  }
}

/** One line for the terminal. */
export function formatCheckAi(result: CheckAiResult, secrets: readonly (string | null)[] = []): string {
  const line = result.ok
    ? `ai: ok — ${result.model} at ${result.endpoint} answered in ${result.latencyMs} ms (key from ${result.keySource ?? "?"}, request-id ${result.requestId ?? "n/a"})`
    : `ai: FAILED — ${result.error} [${result.endpoint}, ${result.latencyMs} ms]`;
  return redactText(line, secrets);
}
