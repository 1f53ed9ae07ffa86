/**
 * The dashboard as its own service (docker-compose): serves the built app on PORT and asks the
 * engine's API at GRAPHQL_URL. The browser still talks to `/graphql` on this origin for the live
 * SSE stream, so that one path is proxied to the engine, GET only (subscriptions and queries, never
 * mutations), with the session cookie turned into a bearer token like every server-side query.
 *
 *   GRAPHQL_URL=http://engine:3000/graphql PORT=3001 HOST=0.0.0.0 bun web/standalone.ts
 */
import { createWebHandler, proxyGraphQL } from "./handler.ts";

const graphqlUrl = process.env.GRAPHQL_URL;
if (!graphqlUrl) {
  console.error("GRAPHQL_URL is required, e.g. GRAPHQL_URL=http://127.0.0.1:3000/graphql");
  process.exit(78);
}
const port = Number(process.env.PORT ?? 3001);
const hostname = process.env.HOST ?? "127.0.0.1";

const web = await createWebHandler();

const server = Bun.serve({
  port,
  hostname,
  // SSE connections sit idle between keep-alive pings; Bun's default 10 s would cut them.
  idleTimeout: 0,
  fetch(request) {
    const { pathname } = new URL(request.url);
    // Liveness for docker-compose: this process serves; whether the engine answers is /readyz's job there.
    if (pathname === "/healthz") return new Response("ok\n", { headers: { "cache-control": "no-store" } });
    return pathname === "/graphql" ? proxyGraphQL(request, graphqlUrl) : web(request);
  },
});
console.log(`conviction dashboard on http://${server.hostname}:${server.port} → ${graphqlUrl}`);
