/** JSON responses in Kalshi's shapes. */
import { ApiError } from "../exchange/errors.ts";

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

export function errorResponse(status: number, code: string, message: string, details = ""): Response {
  return json({ error: { code, message, details } }, status);
}

export const fromApiError = (e: ApiError): Response => errorResponse(e.status, e.code, e.message, e.details);

/** The exact body Kalshi sends with a 429 (and no Retry-After header). */
export const tooManyRequests = (): Response => json({ error: "too many requests" }, 429);

export const unauthorized = (message: string): Response =>
  errorResponse(401, "authentication_error", message);

export function toResponse(e: unknown): Response {
  if (e instanceof ApiError) return fromApiError(e);
  const message = e instanceof Error ? e.message : String(e);
  return errorResponse(500, "internal_server_error", "internal server error", message);
}
