/**
 * Every request to Kalshi, observed at the transport (after the limiter, once per attempt): how many
 * by endpoint and outcome, how many were rate-limited (429), and how long each took.
 */
import type { RequestRecord } from "../exchange/transport.ts";
import type { MetricsRegistry } from "./registry.ts";

export function exchangeMetrics(registry: MetricsRegistry) {
  const requests = registry.counter({
    name: "conviction_exchange_requests_total",
    help: "Requests to the exchange by endpoint and outcome (HTTP status, or the error kind when no response came).",
    labelNames: ["endpoint", "status"],
  });
  const rateLimited = registry.counter({
    name: "conviction_exchange_rate_limited_total",
    help: "Requests the exchange answered with 429 Too Many Requests.",
    labelNames: ["endpoint"],
  });
  const latency = registry.histogram({
    name: "conviction_exchange_request_duration_seconds",
    help: "Time from sending a request to its answer or failure.",
    labelNames: ["endpoint"],
  });
  return {
    requests,
    rateLimited,
    latency,
    /** The ExchangeClient's onRequest hook. */
    observe(r: RequestRecord): void {
      const endpoint = r.endpoint;
      requests.inc({ endpoint, status: r.status === null ? (r.error ?? "unknown") : String(r.status) });
      if (r.status === 429 || r.error === "rate_limited") rateLimited.inc({ endpoint });
      latency.observe({ endpoint }, r.durationMs / 1000);
    },
  };
}
