/**
 * SDK failures in one line each, for rejection reasons and `check ai`. Classified so the caller
 * can tell "the AI is down" (fall back to rules) from other trouble, and scrubbed of secrets.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from "@anthropic-ai/sdk";
import { redactText } from "../redact.ts";

export type AiErrorKind =
  | "timeout"
  | "connection"
  | "rate_limited"
  | "overloaded"
  | "server"
  | "auth"
  | "request"
  | "other";

export interface DescribedError {
  kind: AiErrorKind;
  status: number | null;
  requestId: string | null;
  message: string;
}

export function classify(error: unknown): AiErrorKind {
  if (error instanceof APIConnectionTimeoutError) return "timeout";
  if (error instanceof APIConnectionError) return "connection";
  if (error instanceof RateLimitError) return "rate_limited";
  if (error instanceof APIError && error.status === 529) return "overloaded";
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return "auth";
  if (error instanceof APIError && typeof error.status === "number") {
    return error.status >= 500 ? "server" : "request";
  }
  return "other";
}

const LABEL: Record<AiErrorKind, string> = {
  timeout: "timed out",
  connection: "could not connect",
  rate_limited: "rate limited (429)",
  overloaded: "overloaded (529)",
  server: "server error",
  auth: "authentication failed",
  request: "request refused",
  other: "failed",
};

export function describeAiError(error: unknown, secrets: readonly (string | null)[]): DescribedError {
  const kind = classify(error);
  const status = error instanceof APIError && typeof error.status === "number" ? error.status : null;
  const requestId = error instanceof APIError ? (error.requestID ?? null) : null;
  const name = error instanceof Error ? error.name : "Error";
  // An API error's message is the whole JSON body; its parsed type and message read better.
  const detail =
    error instanceof APIError && (error.apiMessage || error.type)
      ? `${status ?? ""} ${error.type ?? "error"}: ${error.apiMessage ?? ""}`.trim()
      : error instanceof Error
        ? error.message
        : String(error);
  const suffix = requestId ? ` (request-id ${requestId})` : "";
  return {
    kind,
    status,
    requestId,
    message: redactText(`AI ${LABEL[kind]}: ${name}: ${detail}${suffix}`, secrets),
  };
}
