/**
 * Token cost per request. The default (10) is confirmed; the cheaper cancel cost is our
 * assumption (Kalshi has long billed a cancel at a fifth of an order) and is published through
 * GET /account/endpoint_costs so a client can read it rather than hard-code it.
 */
export const DEFAULT_COST = 10;

export interface EndpointCost {
  method: string;
  /** Route pattern as Kalshi lists it, e.g. /trade-api/v2/portfolio/events/orders/{order_id}. */
  path: string;
  cost: number;
  /** Batch endpoints bill per item. */
  perItem?: boolean;
}

export const ENDPOINT_COSTS: readonly EndpointCost[] = [
  { method: "DELETE", path: "/trade-api/v2/portfolio/events/orders/{order_id}", cost: 2 },
  { method: "DELETE", path: "/trade-api/v2/portfolio/events/orders/batched", cost: 2, perItem: true },
  { method: "POST", path: "/trade-api/v2/portfolio/events/orders/batched", cost: 10, perItem: true },
];

export function costOf(method: string, routePattern: string, items: number): number {
  const entry = ENDPOINT_COSTS.find((c) => c.method === method && c.path === `/trade-api/v2${routePattern}`);
  if (!entry) return DEFAULT_COST;
  return entry.perItem ? entry.cost * Math.max(1, items) : entry.cost;
}

/** Order entry and cancellation draw on the write bucket; everything else on the read bucket. */
export const isWrite = (method: string): boolean => method !== "GET" && method !== "HEAD";
