/**
 * The dashboard in one process with the fixture API, the way the engine will mount it:
 *   npx remix vite:build --config web/vite.config.ts && bun web/dev/serve.ts   (PORT, default 3005)
 */
import { createWebHandler } from "../handler.ts";
import { createHarness } from "./harness.ts";

const yoga = createHarness();
const web = await createWebHandler({ graphqlFetch: (request) => Promise.resolve(yoga.fetch(request)) });

const server = Bun.serve({
  port: Number(process.env.PORT ?? 3005),
  hostname: "127.0.0.1",
  idleTimeout: 0,
  fetch(request, server) {
    if (new URL(request.url).pathname === "/graphql") return yoga.fetch(request);
    return web(request, { clientIp: server.requestIP(request)?.address });
  },
});
console.log(`dashboard + fixture API on http://${server.hostname}:${server.port}`);
