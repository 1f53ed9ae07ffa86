/**
 * One Bun server for REST (/trade-api/v2), WebSocket (/trade-api/ws/v2) and control (/sim).
 *
 * REST pipeline, in Kalshi's order: route → signature (required for private endpoints; verified
 * whenever headers are present) → injected faults → rate limit (per account, or per address when
 * unsigned; batches billed per item) → handler → optional malformed-response fault.
 */
import type { Server } from "bun";
import type { Clock } from "../../engine/time/clock.ts";
import type { KeyRegistry } from "../auth/keys.ts";
import { verifyRequest } from "../auth/verify.ts";
import { ApiError } from "../exchange/errors.ts";
import type { Exchange } from "../exchange/exchange.ts";
import { costOf, isWrite } from "../ratelimit/costs.ts";
import type { RateLimiter } from "../ratelimit/limiter.ts";
import { type WsData, WsHub } from "../ws/hub.ts";
import { handleControl } from "./control.ts";
import { malform } from "./malform.ts";
import { errorResponse, fromApiError, json, tooManyRequests, toResponse, unauthorized } from "./respond.ts";
import { isHandled, Router } from "./router.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { marketRoutes } from "./routes/markets.ts";
import { portfolioRoutes } from "./routes/portfolio.ts";

export const REST_PREFIX = "/trade-api/v2";
export const WS_PATH = "/trade-api/ws/v2";

export interface ServerOptions {
  exchange: Exchange;
  keys: KeyRegistry;
  limiter: RateLimiter;
  wall: Clock;
  port: number;
  hostname: string;
  /** Allowed distance between a request's signed timestamp and the real wall clock. */
  authWindowMs: number;
  heartbeatMs: number;
  /** How often a real/accelerated clock is synced in the background (WebSocket pushes, lifecycle). */
  tickMs: number;
  log: (message: string) => void;
}

export interface RunningServer {
  server: Server<WsData>;
  hub: WsHub;
  baseUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export function startServer(o: ServerOptions): RunningServer {
  const ex = o.exchange;
  const router = new Router();
  router.addAll(catalogRoutes(ex, o.limiter));
  router.addAll(marketRoutes(ex));
  router.addAll(portfolioRoutes(ex));
  const hub = new WsHub(ex);
  let urls = { baseUrl: "", wsUrl: "" };

  async function api(req: Request, url: URL, server: Server<WsData>): Promise<Response> {
    const method = req.method.toUpperCase();
    const path = url.pathname.slice(REST_PREFIX.length) || "/";
    const found = router.match(method, path);
    if (found === undefined) return errorResponse(404, "not_found", `no route ${method} ${url.pathname}`);
    if (found === "method_not_allowed")
      return errorResponse(405, "method_not_allowed", `${method} is not allowed on ${url.pathname}`);
    const { route, params } = found;
    const auth = verifyRequest(o.keys, req.headers, method, url.pathname, o.wall, o.authWindowMs);
    if (auth.kind === "invalid") return unauthorized(auth.reason);
    if (route.auth && auth.kind !== "ok") return unauthorized("authentication required");
    if (ex.faults.storming) return tooManyRequests();
    const injected = ex.faults.takeServerError(method, path);
    if (injected !== undefined)
      return errorResponse(injected, "internal_server_error", "injected server error");
    let body: unknown;
    if (method !== "GET" && method !== "HEAD") {
      const text = await req.text();
      if (text.trim() !== "") {
        try {
          body = JSON.parse(text);
        } catch {
          return errorResponse(400, "invalid_parameters", "request body is not valid JSON");
        }
      }
    }
    const client =
      auth.kind === "ok" ? `user:${auth.key.userId}` : `ip:${server.requestIP(req)?.address ?? "unknown"}`;
    const cost = costOf(method, route.pattern, route.items ? route.items(body) : 1);
    if (!o.limiter.allow(client, isWrite(method), cost)) return tooManyRequests();
    const account = auth.kind === "ok" ? ex.accounts.get(auth.key.userId) : undefined;
    const result = route.handler({ method, url, path, query: url.searchParams, params, body, account });
    const status = isHandled(result) ? result.status : 200;
    const payload = isHandled(result) ? result.body : result;
    if (status === 204) return new Response(null, { status });
    const bad = ex.faults.takeMalformed(method, path);
    if (bad)
      return new Response(malform(payload, bad), {
        status,
        headers: { "content-type": "application/json; charset=utf-8" },
      });
    return json(payload, status);
  }

  const server = Bun.serve<WsData>({
    port: o.port,
    hostname: o.hostname,
    async fetch(req, srv) {
      const url = new URL(req.url);
      try {
        ex.sync();
        if (url.pathname === "/sim" || url.pathname.startsWith("/sim/")) {
          return await handleControl(
            { exchange: ex, keys: o.keys, limiter: o.limiter, urls: () => urls },
            req,
            url,
          );
        }
        if (url.pathname === WS_PATH) {
          // Every WebSocket connection is authenticated: GET + /trade-api/ws/v2 is signed.
          const auth = verifyRequest(o.keys, req.headers, "GET", WS_PATH, o.wall, o.authWindowMs);
          if (auth.kind !== "ok")
            return unauthorized(auth.kind === "none" ? "authentication required" : auth.reason);
          if (srv.upgrade(req, { data: { userId: auth.key.userId } })) return undefined;
          return errorResponse(400, "bad_request", "expected a WebSocket upgrade");
        }
        if (url.pathname === REST_PREFIX || url.pathname.startsWith(`${REST_PREFIX}/`))
          return await api(req, url, srv);
        return errorResponse(404, "not_found", `no route ${req.method} ${url.pathname}`);
      } catch (e) {
        if (e instanceof ApiError) return fromApiError(e);
        o.log(
          `internal error on ${req.method} ${url.pathname}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        return toResponse(e);
      } finally {
        ex.flush();
      }
    },
    websocket: {
      open: (ws) => hub.open(ws),
      message: (ws, message) => hub.message(ws, message),
      close: (ws) => hub.close(ws),
      // Kalshi pings us and expects pongs; we answer client pings automatically.
      sendPings: false,
      idleTimeout: 120,
    },
  });

  const host = o.hostname.includes(":") ? `[${o.hostname}]` : o.hostname;
  urls = {
    baseUrl: `http://${host}:${server.port}${REST_PREFIX}`,
    wsUrl: `ws://${host}:${server.port}${WS_PATH}`,
  };
  const heartbeat = setInterval(() => hub.heartbeat(), o.heartbeatMs);
  const ticker =
    ex.clock.mode === "manual"
      ? undefined
      : setInterval(() => {
          try {
            ex.sync();
          } catch (e) {
            o.log(`background sync failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }, o.tickMs);

  return {
    server,
    hub,
    ...urls,
    async stop() {
      clearInterval(heartbeat);
      if (ticker) clearInterval(ticker);
      hub.dropAll();
      await server.stop(true);
    },
  };
}
