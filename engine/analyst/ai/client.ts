import Anthropic from "@anthropic-ai/sdk";
import type { AiConfig } from "../../config/config.ts";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";

export interface ClientOverrides {
  /** Tests and `check ai` may change these per call; otherwise the configuration decides. */
  timeoutMs?: number;
  maxRetries?: number;
}

/**
 * The official SDK client for the configured endpoint: Anthropic itself, the Vercel AI Gateway,
 * or a local fake. The key is ANTHROPIC_API_KEY or AI_GATEWAY_KEY (config resolved which); both
 * go out as the SDK's API key, which the gateway accepts like Anthropic does.
 *
 * The SDK retries 408/409/429/5xx/529 and timeouts by itself, `maxRetries` times with exponential
 * backoff (or the server's retry-after), so one call can take up to (maxRetries + 1) × timeout plus
 * the waits before it finally fails.
 */
export function createAnthropicClient(config: AiConfig, overrides: ClientOverrides = {}): Anthropic {
  if (!config.apiKey) throw new Error("AI client needs ANTHROPIC_API_KEY or AI_GATEWAY_KEY");
  return new Anthropic({
    apiKey: config.apiKey,
    // Explicit, so a stray ANTHROPIC_BASE_URL in the process environment cannot override the config.
    baseURL: config.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL,
    timeout: overrides.timeoutMs ?? config.timeoutMs,
    maxRetries: overrides.maxRetries ?? config.maxRetries,
    // The engine logs outcomes itself; the SDK's own retry chatter would bypass the log redaction.
    logLevel: "off",
  });
}
