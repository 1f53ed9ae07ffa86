/**
 * docker-compose.yml, checked without Docker (it cannot run on our machines): parsed as YAML,
 * validated against what the deployment needs (postgres with a volume, engine, web pointed at the
 * engine's GraphQL, health checks, restart policies, secrets from an env file, a multi-stage
 * Dockerfile on the official Bun image), then the engine and web are started with the exact
 * commands and environment the file gives them and must pass the file's own health checks.
 *
 * The only substitutions are what a container network provides: the `postgres` host becomes this
 * machine's test database (PGlite in DATA_DIR when TEST_DATABASE_URL is unset), the `engine` host
 * 127.0.0.1, and ports 3000/3001 free ones.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import {
  type ComposeService,
  freePort,
  healthy,
  parseEnvFile,
  ROOT,
  serviceEnvironment,
  spawnCommand,
  stopProcess,
  waitUntil,
} from "./compose-support.ts";

const restart = z.enum(["always", "unless-stopped", "on-failure"]);
const healthcheck = z.object({
  test: z.array(z.string()).min(2),
  interval: z.string(),
  timeout: z.string(),
  retries: z.number().int().positive(),
});
const envFileRequired = z.union([z.literal(".env"), z.array(z.string()).refine((a) => a.includes(".env"))]);
/** A secret's value may only arrive by interpolation from the env file, never written in the file. */
const interpolated = (name: string) =>
  z.string().regex(new RegExp(`\\$\\{${name}(:[?-][^}]*)?\\}`), `${name} from .env`);
const appService = z.object({
  build: z.union([z.string(), z.object({ context: z.string() })]),
  restart,
  command: z.array(z.string()).min(2),
  env_file: envFileRequired,
  environment: z.record(z.string(), z.union([z.string(), z.number()])),
  healthcheck,
  depends_on: z.record(z.string(), z.object({ condition: z.literal("service_healthy") })),
});

const composeSchema = z.object({
  services: z.object({
    postgres: z.object({
      image: z.string().regex(/^postgres:\d+/),
      restart,
      environment: z.object({ POSTGRES_PASSWORD: interpolated("POSTGRES_PASSWORD") }).passthrough(),
      volumes: z.array(z.string()).refine((v) => v.some((m) => m.endsWith(":/var/lib/postgresql/data")), {
        message: "the database lives in a volume",
      }),
      healthcheck,
    }),
    engine: appService.extend({
      environment: z
        .object({
          DATABASE_URL: interpolated("POSTGRES_PASSWORD").and(z.string().includes("@postgres:5432/")),
          HOST: z.literal("0.0.0.0"),
          PORT: z.string(),
        })
        .passthrough(),
    }),
    web: appService.extend({
      environment: z
        .object({ GRAPHQL_URL: z.string().regex(/^http:\/\/engine:\d+\/graphql$/) })
        .passthrough(),
    }),
  }),
  volumes: z.record(z.string(), z.unknown().nullable()),
});

const composeText = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
const compose = composeSchema.parse(Bun.YAML.parse(composeText));
const { engine, web } = compose.services;

describe("docker-compose.yml and the Dockerfile", () => {
  test("postgres keeps its data in a declared named volume", () => {
    const volume = compose.services.postgres.volumes.find((m) => m.endsWith(":/var/lib/postgresql/data"));
    expect(Object.keys(compose.volumes)).toContain(volume?.split(":")[0] ?? "(none)");
  });

  test("the web service asks the engine's GraphQL on the engine's own port, and waits for it", () => {
    expect(web.environment.GRAPHQL_URL).toBe(`http://engine:${engine.environment.PORT}/graphql`);
    expect(Object.keys(web.depends_on)).toEqual(["engine"]);
    expect(Object.keys(engine.depends_on)).toEqual(["postgres"]);
    expect(engine.command).toEqual(["bun", "engine/main.ts"]);
    expect(web.command).toEqual(["bun", "web/standalone.ts"]);
  });

  test("no secret is written into the compose file itself", () => {
    for (const name of [
      "DASHBOARD_PASSWORD",
      "API_TOKEN",
      "ANTHROPIC_API_KEY",
      "KALSHI_PRIVATE_KEY",
      "AI_GATEWAY_KEY",
    ])
      expect(composeText).not.toContain(`${name}:`);
  });

  test("the Dockerfile is multi-stage on the official Bun image, unprivileged, and keeps .env out", () => {
    const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
    const image = /^ARG BUN_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toMatch(/^oven\/bun:/);
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^COPY --from=build /m);
    expect(dockerfile).toMatch(/^USER bun$/m);
    expect(dockerfile).toMatch(/^CMD \["bun", "engine\/main.ts"\]$/m);
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
    expect(ignored).toContain(".env");
  });
});

describe("the engine and web start with compose's commands and environment", () => {
  let sim: RunningSimulator;
  let t: TestDatabase;
  let dataDir: string;
  let enginePort: number;
  let webPort: number;
  let engineProc: ReturnType<typeof spawnCommand> | undefined;
  let webProc: ReturnType<typeof spawnCommand> | undefined;
  let envFile: Record<string, string>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 11, markets: 50, quiet: true });
    t = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), "conviction-compose-"));
    [enginePort, webPort] = [await freePort(), await freePort()];
    // The user's .env, as docs/deploy.md asks for it (the simulator stands in for Kalshi).
    envFile = parseEnvFile(
      [
        "POSTGRES_PASSWORD=compose-PLANTED-pg-password",
        "DASHBOARD_PASSWORD=compose-PLANTED-dashboard",
        "API_TOKEN=compose-PLANTED-api-token-0123",
        "KALSHI_ENV=custom",
        `KALSHI_BASE_URL=${sim.baseUrl}`,
        `DATA_DIR=${dataDir}`,
      ].join("\n"),
    );
  });

  afterAll(async () => {
    await stopProcess(webProc);
    await stopProcess(engineProc);
    await sim?.stop();
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the container network would resolve, resolved on this machine. */
  function localEngineEnv(): Record<string, string> {
    const env = serviceEnvironment(engine as ComposeService, envFile);
    expect(env.DATABASE_URL).toBe(
      "postgres://conviction:compose-PLANTED-pg-password@postgres:5432/conviction",
    );
    if (t.url) env.DATABASE_URL = t.url;
    else delete env.DATABASE_URL; // the embedded database in DATA_DIR
    env.PORT = String(enginePort);
    return env;
  }

  const local = (test: readonly string[], from: string, port: number) =>
    test.map((a) => a.replace(`:${from}/`, `:${port}/`));

  test("the engine passes its health check, and is ready: database, exchange, leader", async () => {
    const env = localEngineEnv();
    expect(env).toMatchObject({ HOST: "0.0.0.0", DASHBOARD_PASSWORD: "compose-PLANTED-dashboard" });
    engineProc = spawnCommand(engine.command, env);
    const check = local(engine.healthcheck.test, String(engine.environment.PORT), enginePort);
    await waitUntil(
      "the engine's health check",
      () => healthy(check),
      90_000,
      () => engineProc?.output ?? [],
    );
    const ready = await fetch(`http://127.0.0.1:${enginePort}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true, database: "ok", exchange: "ok", leader: true });
    // Its logs are JSON lines, and no planted secret is in them.
    const lines = engineProc.output.map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toContain("dashboard and API listening");
    expect(engineProc.output.join("\n")).not.toContain("PLANTED");
  }, 120_000);

  test("web passes its health check and serves the dashboard from the engine's GraphQL", async () => {
    const env = serviceEnvironment(web as ComposeService, envFile);
    env.GRAPHQL_URL = (env.GRAPHQL_URL as string).replace(/\/\/engine:\d+\//, `//127.0.0.1:${enginePort}/`);
    env.PORT = String(webPort);
    webProc = spawnCommand(web.command, env);
    const check = local(web.healthcheck.test, String(web.environment.PORT), webPort);
    await waitUntil(
      "the web health check",
      () => healthy(check),
      60_000,
      () => webProc?.output ?? [],
    );
    // A login goes from the web service to the engine's API (the login mutation), and the
    // overview then renders from the engine's GraphQL with that session.
    const login = await fetch(`http://127.0.0.1:${webPort}/login`, {
      method: "POST",
      headers: { origin: `http://127.0.0.1:${webPort}` },
      body: new URLSearchParams({ password: "compose-PLANTED-dashboard", redirectTo: "/" }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(cookie).not.toBe("");
    const overview = await fetch(`http://127.0.0.1:${webPort}/`, { headers: { cookie }, redirect: "manual" });
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain("PAPER");
  }, 90_000);
});
