/**
 * Typed exchange errors. They carry only what the engine needs to decide (retry? alert? give up?)
 * and nothing of the request: axios errors hold the request config and its headers, so we never
 * keep one, never wrap one as `cause`, and build every message from plain strings we chose.
 */

export interface ExchangeErrorDetails {
  /** A stable name such as "GET /markets", never a full URL with ids or a query. */
  endpoint: string;
  status?: number;
  /** The exchange's own short error text, if it gave one (truncated). */
  detail?: string;
}

export abstract class ExchangeError extends Error {
  abstract readonly kind: string;
  /** Whether doing the same request again later could succeed. */
  abstract readonly retryable: boolean;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly detail: string | undefined;

  constructor(details: ExchangeErrorDetails, summary: string) {
    const parts = [`${details.endpoint}: ${summary}`];
    if (details.status !== undefined) parts.push(`(HTTP ${details.status})`);
    if (details.detail) parts.push(`— ${details.detail}`);
    super(parts.join(" "));
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.detail = details.detail;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      endpoint: this.endpoint,
      status: this.status,
      detail: this.detail,
      message: this.message,
    };
  }
}

/** HTTP 429. Kalshi sends no Retry-After, so the caller backs off on its own schedule. */
export class RateLimited extends ExchangeError {
  override readonly name = "RateLimited";
  readonly kind = "rate_limited";
  readonly retryable = true;
  constructor(d: ExchangeErrorDetails) {
    super(d, "rate limited");
  }
}

export class ServerError extends ExchangeError {
  override readonly name = "ServerError";
  readonly kind = "server_error";
  readonly retryable = true;
  constructor(d: ExchangeErrorDetails) {
    super(d, "exchange server error");
  }
}

/** The connection failed or dropped: the request may or may not have reached the exchange. */
export class NetworkError extends ExchangeError {
  override readonly name = "NetworkError";
  readonly kind = "network";
  readonly retryable = true;
  readonly code: string | undefined;
  constructor(d: ExchangeErrorDetails & { code?: string }) {
    super(d, `network failure${d.code ? ` ${d.code}` : ""}`);
    this.code = d.code;
  }
}

/** No answer in time: as with NetworkError the request may have been executed. */
export class Timeout extends ExchangeError {
  override readonly name = "Timeout";
  readonly kind = "timeout";
  readonly retryable = true;
  readonly timeoutMs: number | undefined;
  constructor(d: ExchangeErrorDetails & { timeoutMs?: number }) {
    super(d, `no response within ${d.timeoutMs ?? "?"} ms`);
    this.timeoutMs = d.timeoutMs;
  }
}

export class NotFound extends ExchangeError {
  override readonly name = "NotFound";
  readonly kind = "not_found";
  readonly retryable = false;
  constructor(d: ExchangeErrorDetails) {
    super(d, "not found");
  }
}

export class Unauthorized extends ExchangeError {
  override readonly name = "Unauthorized";
  readonly kind = "unauthorized";
  readonly retryable = false;
  constructor(d: ExchangeErrorDetails) {
    super(d, "unauthorized");
  }
}

/** HTTP 409, e.g. a second order with a client_order_id already used. */
export class Conflict extends ExchangeError {
  override readonly name = "Conflict";
  readonly kind = "conflict";
  readonly retryable = false;
  constructor(d: ExchangeErrorDetails) {
    super(d, "conflict");
  }
}

/** Any other 4xx: our request was wrong; repeating it will not help. */
export class BadRequest extends ExchangeError {
  override readonly name = "BadRequest";
  readonly kind = "bad_request";
  readonly retryable = false;
  constructor(d: ExchangeErrorDetails) {
    super(d, "request rejected");
  }
}

/** A response that does not match the schema we rely on. */
export class InvalidResponse extends ExchangeError {
  override readonly name = "InvalidResponse";
  readonly kind = "invalid_response";
  readonly retryable = false;
  readonly field: string;
  readonly issue: string;
  constructor(d: ExchangeErrorDetails & { field: string; issue: string }) {
    super(d, `invalid response at ${d.field || "(root)"}: ${d.issue}`);
    this.field = d.field;
    this.issue = d.issue;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field, issue: this.issue };
  }
}

/**
 * A create whose fate we could not establish: the POST failed in a way that may have placed the
 * order, and the lookup by client_order_id failed too. The engine must reconcile before reusing
 * the money; it must not simply place another order.
 */
export class OrderOutcomeUnknown extends ExchangeError {
  override readonly name = "OrderOutcomeUnknown";
  readonly kind = "order_outcome_unknown";
  readonly retryable = false;
  readonly clientOrderId: string;
  constructor(d: ExchangeErrorDetails & { clientOrderId: string; reason: string }) {
    super(d, `order ${d.clientOrderId} may or may not exist (${d.reason})`);
    this.clientOrderId = d.clientOrderId;
  }
}

export const isExchangeError = (e: unknown): e is ExchangeError => e instanceof ExchangeError;
