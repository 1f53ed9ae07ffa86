/**
 * Token cost per endpoint. Kalshi bills 10 tokens per request unless GET /account/endpoint_costs
 * lists the endpoint otherwise; batches are billed per item. Until the account's table is loaded
 * (ExchangeClient.calibrate) every request is billed the default, which can only make us slower,
 * never earn a 429.
 */
import { DEFAULT_REQUEST_COST } from "./rate-limit.ts";

/** "DELETE /trade-api/v2/portfolio/events/orders/{order_id}" and "DELETE /portfolio/events/orders/{id}" → one key. */
export function costKey(endpoint: string): string {
  const [method = "", path = ""] = endpoint.trim().split(/\s+/, 2);
  return `${method.toUpperCase()} ${path.replace(/^\/trade-api\/v2(?=\/)/, "").replace(/\{[^}]*\}/g, "{}")}`;
}

export class EndpointCosts {
  #default = DEFAULT_REQUEST_COST;
  readonly #table = new Map<string, number>();

  get defaultCost(): number {
    return this.#default;
  }

  load(defaultCost: number, entries: readonly { method: string; path: string; cost: number }[]): void {
    this.#default = defaultCost;
    this.#table.clear();
    for (const e of entries) this.#table.set(costKey(`${e.method} ${e.path}`), e.cost);
  }

  /** Cost of one request (or of one item of a batch) to `endpoint`, e.g. "GET /markets/{ticker}". */
  of(endpoint: string): number {
    return this.#table.get(costKey(endpoint)) ?? this.#default;
  }
}
