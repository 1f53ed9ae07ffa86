/**
 * Serves the BUILT dashboard (web/build) from Bun: fingerprinted assets straight from disk, every
 * other request through Remix. The engine mounts it next to `/graphql` in its own Bun.serve:
 *
 *   const web = await createWebHandler({ graphqlFetch: (req) => yoga.fetch(req) });
 *   Bun.serve({ idleTimeout: 0, fetch: (req) => new URL(req.url).pathname === "/graphql" ? yoga.fetch(req) : web(req) });
 *
 * (`idleTimeout: 0` or 255: Bun closes a connection idle for 10 s by default, which would cut the
 * SSE subscription between its 12 s keep-alive pings.)
 */
import { existsSync, statSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { readSessionToken } from "./app/lib/cookie.ts";
import {
  CLIENT_IP_HEADER,
  type GraphQLFetch,
  type GraphQLServerContext,
  setGraphQLFetch,
} from "./app/lib/graphql.server.ts";

export type { GraphQLFetch, GraphQLServerContext } from "./app/lib/graphql.server.ts";
export { setGraphQLFetch } from "./app/lib/graphql.server.ts";

/**
 * `context.clientIp` (optional): the browser's address, e.g. `server.requestIP(request)?.address`.
 * In one-process mode it reaches the API with each query, so the login rate limit counts per
 * browser rather than one bucket for the whole dashboard.
 */
export type WebHandler = (request: Request, context?: GraphQLServerContext) => Promise<Response>;

export interface WebHandlerOptions {
  /** One-process mode: the engine's in-process GraphQL executor (yoga.fetch). Without it, GRAPHQL_URL. */
  graphqlFetch?: GraphQLFetch;
  /** Where `remix vite:build` wrote the app; default web/build next to this file. */
  buildDirectory?: string;
}

const DEFAULT_BUILD = fileURLToPath(new URL("./build", import.meta.url));

// Vite fingerprints everything under /assets/, so those never change: cache them for a year.
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=3600";

/** Headers every page gets: the kill switch must not be framed by another site (clickjacking). */
const PAGE_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
};

export async function createWebHandler(options: WebHandlerOptions = {}): Promise<WebHandler> {
  const buildDirectory = options.buildDirectory ?? DEFAULT_BUILD;
  const serverEntry = join(buildDirectory, "server", "index.js");
  if (!existsSync(serverEntry)) {
    throw new Error(
      `The dashboard is not built (${serverEntry} is missing). Run: npx remix vite:build --config web/vite.config.ts`,
    );
  }
  if (options.graphqlFetch) setGraphQLFetch(options.graphqlFetch);
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  const handleRemix = createRequestHandler(
    build,
    process.env.NODE_ENV === "development" ? "development" : "production",
  );
  const clientDirectory = join(buildDirectory, "client");

  return async (request, context) => {
    if (request.method === "GET" || request.method === "HEAD") {
      const asset = serveStatic(clientDirectory, new URL(request.url).pathname, request.method === "HEAD");
      if (asset) return asset;
    }
    const response = await handleRemix(withClientIp(request, context?.clientIp));
    return withHeaders(response, PAGE_HEADERS);
  };
}

/**
 * A file from the client build, or null to let Remix answer. Refuses anything that would resolve
 * outside the build directory, and Vite's own manifest folder.
 */
export function serveStatic(clientDirectory: string, pathname: string, head = false): Response | null {
  if (pathname === "/" || pathname.endsWith("/")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const root = normalize(clientDirectory + sep);
  const filePath = normalize(join(clientDirectory, decoded));
  if (!filePath.startsWith(root) || filePath.slice(root.length).split(sep)[0] === ".vite") return null;
  let size: number;
  try {
    const stat = statSync(filePath);
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null;
  }
  const file = Bun.file(filePath);
  const headers = new Headers({
    "Cache-Control": decoded.startsWith("/assets/") ? IMMUTABLE : SHORT,
    "Content-Type": file.type,
    "Content-Length": String(size),
    "X-Content-Type-Options": "nosniff",
  });
  return new Response(head ? null : file, { headers });
}

/**
 * Standalone mode: forwards a GET /graphql (the browser's SSE subscription) to the engine at
 * `upstream`, streaming the answer back. GET only, so no mutation can ride on the cookie here;
 * the cookie becomes a bearer token, exactly as in server-side queries.
 */
export async function proxyGraphQL(request: Request, upstream: string): Promise<Response> {
  if (request.method !== "GET") {
    return new Response("Only GET /graphql (subscriptions) is served here.", {
      status: 405,
      headers: { Allow: "GET" },
    });
  }
  const target = new URL(upstream);
  target.search = new URL(request.url).search;
  const headers = new Headers({ Accept: request.headers.get("Accept") ?? "text/event-stream" });
  const token = readSessionToken(request);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const lastEventId = request.headers.get("Last-Event-ID");
  if (lastEventId) headers.set("Last-Event-ID", lastEventId);
  try {
    const response = await fetch(target, { headers, signal: request.signal });
    const out = new Headers();
    for (const name of ["Content-Type", "Cache-Control"]) {
      const value = response.headers.get(name);
      if (value) out.set(name, value);
    }
    return new Response(response.body, { status: response.status, headers: out });
  } catch {
    return new Response("The engine's API cannot be reached.", { status: 502 });
  }
}

/** Stamps the browser's address for lib/graphql.server.ts, dropping any copy the client sent. */
function withClientIp(request: Request, clientIp: string | undefined): Request {
  if (!clientIp && !request.headers.has(CLIENT_IP_HEADER)) return request;
  const headers = new Headers(request.headers);
  if (clientIp) headers.set(CLIENT_IP_HEADER, clientIp);
  else headers.delete(CLIENT_IP_HEADER);
  return new Request(request, { headers });
}

function withHeaders(response: Response, extra: Record<string, string>): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) if (!headers.has(name)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
