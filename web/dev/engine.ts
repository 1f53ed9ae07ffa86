/**
 * The dashboard against the REAL engine API (engine/api) over a seeded in-memory database, in one
 * process exactly as the engine mounts it: startHttpServer with `web: createWebHandler(...)` and
 * the in-process executor. Uses the API's own test fixture (engine/api/testing), so it tracks the
 * engine's schema and resolvers, not web/dev/fixtures.ts.
 *   bun web/dev/engine.ts            open mode (no password), PORT default 3010
 *   WITH_PASSWORD=1 bun web/dev/engine.ts   DASHBOARD_PASSWORD="correct horse battery"
 */

import { PASSWORD, testConfig } from "../../engine/api/testing/config.ts";
import { apiFixture } from "../../engine/api/testing/fixture.ts";
import { startHttpServer } from "../../engine/http/server.ts";
import { createWebHandler } from "../handler.ts";

const config = testConfig(process.env.WITH_PASSWORD ? { DASHBOARD_PASSWORD: PASSWORD } : {});
const fixture = await apiFixture({ config, bulk: Number(process.env.BULK ?? 40) });
const web = await createWebHandler({ graphqlFetch: (request) => fixture.api.fetch(request) });
const server = await startHttpServer({
  config,
  graphql: fixture.api,
  web,
  host: "127.0.0.1",
  port: Number(process.env.PORT ?? 3010),
});
console.log(
  `dashboard on the engine API: ${server.url}${process.env.WITH_PASSWORD ? ` (password "${PASSWORD}")` : ""}`,
);
