/**
 * Response bodies exactly as the Messages API writes them: a `message` object with content blocks,
 * stop_reason and usage, or `{"type":"error","error":{"type":…,"message":…},"request_id":…}`.
 */
import type { UsageOverride } from "./types.ts";

export const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const DEFAULT_MESSAGES: Record<string, string> = {
  invalid_request_error: "Invalid request.",
  authentication_error: "invalid x-api-key",
  permission_error: "Your API key does not have permission to use the specified resource.",
  not_found_error: "Not found.",
  rate_limit_error: "Number of request tokens has exceeded your per-minute rate limit.",
  api_error: "Internal server error.",
  timeout_error: "Request timed out.",
  overloaded_error: "Overloaded",
};

export function errorBody(status: number, requestId: string, type?: string, message?: string): string {
  const t = type ?? ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  return JSON.stringify({
    type: "error",
    error: { type: t, message: message ?? DEFAULT_MESSAGES[t] ?? "Error." },
    request_id: requestId,
  });
}

/** Roughly 4 characters per token, like the API's own order of magnitude. */
export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export function messageBody(options: {
  id: string;
  model: string;
  content: unknown[];
  stopReason: string;
  inputTokens: number;
  usage?: UsageOverride;
}): string {
  const outputTokens = estimateTokens(JSON.stringify(options.content));
  return JSON.stringify({
    id: options.id,
    type: "message",
    role: "assistant",
    model: options.model,
    content: options.content,
    stop_reason: options.stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: options.usage?.input_tokens ?? options.inputTokens,
      output_tokens: options.usage?.output_tokens ?? outputTokens,
      cache_creation_input_tokens: options.usage?.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: options.usage?.cache_read_input_tokens ?? 0,
      cache_creation: null,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: "standard",
      speed: null,
    },
  });
}
