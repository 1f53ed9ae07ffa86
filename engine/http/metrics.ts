/**
 * GET /metrics for Prometheus. Exposure and P&L are private, so the same rule as the API: when the
 * server is protected (DASHBOARD_PASSWORD or API_TOKEN set) a scraper must send
 * `Authorization: Bearer <API_TOKEN>`; an unprotected server listens on loopback only and answers.
 */
import { safeEqual } from "../api/auth/compare.ts";
import type { ServerConfig } from "../config/config.ts";
import type { MetricsSource } from "../metrics/engine-metrics.ts";

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });

export function metricsRefusal(
  request: Request,
  server: Pick<ServerConfig, "dashboardPassword" | "apiToken">,
): Response | null {
  if (!server.dashboardPassword && !server.apiToken) return null;
  if (!server.apiToken)
    return text("/metrics needs API_TOKEN: set it and scrape with Authorization: Bearer <API_TOKEN>\n", 401);
  const header = request.headers.get("authorization") ?? "";
  const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? "";
  if (!given || !safeEqual(given, server.apiToken))
    return text("unauthorized\n", 401, { "www-authenticate": 'Bearer realm="metrics"' });
  return null;
}

export async function metricsResponse(
  request: Request,
  metrics: MetricsSource,
  server: Pick<ServerConfig, "dashboardPassword" | "apiToken">,
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") return text("method not allowed\n", 405);
  const refused = metricsRefusal(request, server);
  if (refused) return refused;
  return new Response(await metrics.render(), {
    headers: { "content-type": metrics.contentType, "cache-control": "no-store" },
  });
}
