/**
 * Turns whatever axios (or anything under it) threw into one of our typed errors, keeping only
 * status, a short exchange-provided text and an error code. The original error is dropped on
 * purpose: it references the request config, whose headers carry the key id and a signature.
 */
import {
  BadRequest,
  Conflict,
  type ExchangeError,
  isExchangeError,
  NetworkError,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  Unauthorized,
} from "./errors.ts";

const MAX_DETAIL = 200;

interface AxiosLikeError {
  isAxiosError?: boolean;
  code?: unknown;
  response?: { status?: unknown; data?: unknown };
}

const TIMEOUT_CODES = new Set(["ECONNABORTED", "ETIMEDOUT", "ERR_CANCELED"]);

/** Pulls a human-readable message out of a Kalshi error body without trusting its shape. */
export function exchangeDetail(body: unknown): string | undefined {
  let text: string | undefined;
  if (typeof body === "string") text = body;
  else if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const err = b.error;
    if (typeof err === "string") text = err;
    else if (err && typeof err === "object") {
      const e = err as Record<string, unknown>;
      text = [e.code, e.message, e.details].filter((x) => typeof x === "string" && x).join(": ");
    } else if (typeof b.message === "string") text = b.message;
    if (!text && typeof b.code === "string") text = b.code;
  }
  if (!text) return undefined;
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL)}…` : clean;
}

export function fromHttpStatus(endpoint: string, status: number, body: unknown): ExchangeError {
  const d = { endpoint, status, detail: exchangeDetail(body) };
  if (status === 429) return new RateLimited(d);
  if (status >= 500) return new ServerError(d);
  if (status === 404) return new NotFound(d);
  if (status === 401 || status === 403) return new Unauthorized(d);
  if (status === 409) return new Conflict(d);
  return new BadRequest(d);
}

export function toExchangeError(e: unknown, endpoint: string, timeoutMs?: number): ExchangeError {
  if (isExchangeError(e)) return e;
  const ax = (e && typeof e === "object" ? e : {}) as AxiosLikeError;
  const status = typeof ax.response?.status === "number" ? ax.response.status : undefined;
  if (status !== undefined) return fromHttpStatus(endpoint, status, ax.response?.data);
  const code = typeof ax.code === "string" ? ax.code : undefined;
  if (code && TIMEOUT_CODES.has(code)) return new Timeout({ endpoint, timeoutMs });
  if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
    return new Timeout({ endpoint, timeoutMs });
  }
  // A connection refused/reset, DNS failure or a socket closed mid-response. Only the code is
  // kept: messages from the HTTP stack can quote the URL, which is fine, but nothing else is.
  return new NetworkError({ endpoint, code: code ?? (e instanceof Error ? e.name : "UNKNOWN") });
}
