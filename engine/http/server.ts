import { ListenRefusedError, listenRefusal } from "../api/auth/policy.ts";
import type { HealthReport } from "../api/control.ts";
import { GRAPHQL_PATH, type GraphQLHandle } from "../api/graphql.ts";
import { isReady } from "../api/resolvers/query/health.ts";
import type { Config } from "../config/index.ts";
import type { MetricsSource } from "../metrics/engine-metrics.ts";
import { metricsResponse } from "./metrics.ts";

export interface HttpServerOptions {
  config: Config;
  graphql: Pick<GraphQLHandle, "fetch" | "health">;
  /** Everything that is not the API: the Remix app, mounted by the lead. Absent: 404. */
  web?: (request: Request) => Promise<Response> | Response;
  /** Default config.server.host. */
  host?: string;
  /** Default config.server.port; 0 picks a free port. */
  port?: number;
  /** What /metrics serves (Prometheus text). Absent: 404. */
  metrics?: MetricsSource;
  /** How long /readyz waits for EngineControl.health() before calling the instance not ready. */
  readyTimeoutMs?: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

async function readiness(graphql: HttpServerOptions["graphql"], timeoutMs: number): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const report = await Promise.race<HealthReport>([
      graphql.health(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("health check timed out")), timeoutMs);
      }),
    ]);
    const ready = isReady(report);
    // Statuses only: details can name hosts and errors, and /readyz needs no login.
    return json(
      {
        ready,
        database: report.database.status,
        exchange: report.exchange.status,
        leader: report.leader,
        projectionLag: report.projectionLag,
      },
      ready ? 200 : 503,
    );
  } catch {
    return json({ ready: false }, 503);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The engine's one HTTP listener (Bun.serve): /graphql → yoga (GET, POST and SSE subscriptions),
 * /healthz (liveness), /readyz (database, exchange and leadership; 503 when not ready), /metrics
 * (Prometheus; behind API_TOKEN when the server is protected, see metrics.ts), anything
 * else → `web` or 404. Refuses a non-loopback host without DASHBOARD_PASSWORD before binding.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? options.config.server.host;
  const port = options.port ?? options.config.server.port;
  const refusal = listenRefusal(host, options.config.server);
  if (refusal) throw new ListenRefusedError(refusal);
  const { graphql, web, metrics } = options;
  const readyTimeout = options.readyTimeoutMs ?? 5000;

  const server = Bun.serve({
    hostname: host,
    port,
    // Longer than yoga's SSE keep-alive ping (12 s), so a quiet subscription is not cut.
    idleTimeout: 30,
    async fetch(request, srv) {
      const { pathname } = new URL(request.url);
      if (pathname === "/healthz") return new Response("ok\n", { headers: { "cache-control": "no-store" } });
      if (pathname === "/readyz") return readiness(graphql, readyTimeout);
      if (pathname === "/metrics" && metrics) return metricsResponse(request, metrics, options.config.server);
      if (pathname === GRAPHQL_PATH) {
        if (request.headers.get("accept")?.includes("text/event-stream")) srv.timeout(request, 0);
        return graphql.fetch(request, { clientIp: srv.requestIP(request)?.address });
      }
      if (web) return web(request);
      return new Response("Not found\n", { status: 404 });
    },
  });
  const actualPort = server.port ?? port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    port: actualPort,
    // Close open SSE streams too: a graceful stop would wait for them forever.
    stop: () => server.stop(true),
  };
}
