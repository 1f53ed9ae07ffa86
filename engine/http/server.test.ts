import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ListenRefusedError } from "../api/auth/policy.ts";
import { PASSWORD, testConfig } from "../api/testing/config.ts";
import { type ApiFixture, apiFixture } from "../api/testing/fixture.ts";
import { type RunningHttpServer, startHttpServer } from "./server.ts";

let f: ApiFixture;
let server: RunningHttpServer;

beforeAll(async () => {
  f = await apiFixture();
  server = await startHttpServer({
    config: testConfig(),
    graphql: f.api,
    host: "127.0.0.1",
    port: 0,
    web: (req) => new Response(`web:${new URL(req.url).pathname}`),
  });
});
afterAll(async () => {
  await server.stop();
  await f.close();
});

describe("startHttpServer on port 0", () => {
  test("listens on a free loopback port", () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  test("/healthz is alive", async () => {
    const r = await fetch(`${server.url}/healthz`);
    expect(r.status).toBe(200);
  });

  test("/readyz: 200 when the database is up, the exchange not down and we lead; 503 otherwise", async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: "ok", exchange: "ok", leader: true });
    const healthy = f.control.healthReport;
    f.control.healthReport = { ...healthy, exchange: { status: "down", detail: "exchange is closed" } };
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    // Statuses only: no detail text on an unauthenticated endpoint.
    expect(await down.text()).not.toContain("exchange is closed");
    f.control.healthReport = { ...healthy, leader: false };
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    f.control.healthReport = healthy;
  });

  test("/graphql answers over real HTTP", async () => {
    const r = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ overview { openPositionCount tradingState { status } } }" }),
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      data: { overview: { openPositionCount: 1, tradingState: { status: "PAUSED" } } },
    });
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ scan { id } }")}`);
    expect(get.status).toBe(200);
  });

  test("everything else goes to the web handler", async () => {
    expect(await (await fetch(`${server.url}/trades/123`)).text()).toBe("web:/trades/123");
  });

  test("without a web handler, 404", async () => {
    const bare = await startHttpServer({ config: testConfig(), graphql: f.api, host: "127.0.0.1", port: 0 });
    expect((await fetch(`${bare.url}/`)).status).toBe(404);
    await bare.stop();
  });
});

describe("access", () => {
  test("refuses a non-loopback host without DASHBOARD_PASSWORD, saying why", async () => {
    const attempt = startHttpServer({ config: testConfig(), graphql: f.api, host: "0.0.0.0", port: 0 });
    await expect(attempt).rejects.toBeInstanceOf(ListenRefusedError);
    await expect(attempt).rejects.toThrow(/HOST=0\.0\.0\.0.*DASHBOARD_PASSWORD/);
    // HOST from the configuration is checked the same way.
    const fromConfig = startHttpServer({
      config: testConfig({ HOST: "0.0.0.0", PORT: "0" }),
      graphql: f.api,
    });
    await expect(fromConfig).rejects.toBeInstanceOf(ListenRefusedError);
  });

  test("with a password it may listen beyond loopback", async () => {
    const open = await startHttpServer({
      config: testConfig({ DASHBOARD_PASSWORD: PASSWORD }),
      graphql: f.api,
      host: "0.0.0.0",
      port: 0,
    });
    expect((await fetch(`http://127.0.0.1:${open.port}/healthz`)).status).toBe(200);
    await open.stop();
  });
});
