import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createWebHandler } from "../web/handler.ts";
import { createGraphQL } from "./api/graphql.ts";
import { type Engine, type EngineOptions, startEngine } from "./app.ts";
import type { Config } from "./config/index.ts";
import { type RunningHttpServer, startHttpServer } from "./http/server.ts";
import type { Logger } from "./log.ts";
import { systemClock } from "./time/clock.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WEB_BUILD = fileURLToPath(new URL("../web/build/server/index.js", import.meta.url));

/** The dashboard is built once (a fresh clone has no build); later starts reuse it. */
export async function ensureDashboardBuilt(log: Logger): Promise<void> {
  if (existsSync(WEB_BUILD)) return;
  log.info("building the dashboard (first start only)…");
  const child = Bun.spawn(["npx", "remix", "vite:build", "--config", "web/vite.config.ts"], {
    cwd: ROOT,
    stdout: "ignore",
    stderr: "pipe",
  });
  const code = await child.exited;
  if (code !== 0) throw new Error(`the dashboard build failed: ${await new Response(child.stderr).text()}`);
}

export interface App {
  engine: Engine;
  server: RunningHttpServer;
  stop(): Promise<void>;
}

/**
 * One Bun process: the engine, its GraphQL API at /graphql and the Remix dashboard on PORT. The
 * dashboard's loaders call the API in-process (no network hop); docker-compose can still run the
 * web app as its own service pointed at GRAPHQL_URL (web/standalone.ts).
 */
export async function startApp(config: Config, log: Logger, options: EngineOptions = {}): Promise<App> {
  await ensureDashboardBuilt(log);
  const engine = await startEngine(config, log, options);
  const graphql = createGraphQL({
    db: engine.db,
    control: engine.control,
    config,
    clock: options.clock,
    // Sessions expire in real time, whatever clock the market runs on.
    sessionClock: systemClock,
    logger: log,
  });
  const web = await createWebHandler({ graphqlFetch: (request) => graphql.fetch(request) });
  const server = await startHttpServer({ config, graphql, web, metrics: engine.metrics });
  log.info("dashboard and API listening", { url: server.url, graphql: `${server.url}/graphql` });
  return {
    engine,
    server,
    async stop() {
      await server.stop();
      await graphql.close();
      await engine.stop();
    },
  };
}
