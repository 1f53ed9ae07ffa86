/** Request signing exactly as Kalshi documents it: timestamp + METHOD + path, no query string. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import WebSocket from "ws";
import type { RunningSimulator } from "../index.ts";
import { authHeaders, sign, startTestSimulator } from "../testing/harness.ts";
import { generateRsaKeyPair } from "./keys.ts";

let sim: RunningSimulator;

beforeAll(async () => {
  // Market clock years ahead of the wall clock: staleness must be judged on real time.
  sim = await startTestSimulator({
    clock: { mode: "accelerated", factor: 1000, start: Date.UTC(2031, 0, 1) },
    markets: 50,
  });
});
afterAll(async () => {
  await sim.stop();
});

const PATH = "/trade-api/v2/portfolio/orders";

async function call(headers: Record<string, string>, query = "?limit=5"): Promise<Response> {
  return fetch(`${sim.baseUrl}/portfolio/orders${query}`, { headers });
}

describe("REST signatures", () => {
  test("a signature over timestamp + GET + path (no query) is accepted", async () => {
    const r = await call(authHeaders(sim, "GET", PATH));
    expect(r.status).toBe(200);
  });

  test("a signature over the path WITH the query string is rejected", async () => {
    const r = await call(authHeaders(sim, "GET", `${PATH}?limit=5`));
    expect(r.status).toBe(401);
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("authentication_error");
    expect(body.error.message).toContain("signature");
  });

  test("method is part of the signed text", async () => {
    expect((await call(authHeaders(sim, "POST", PATH))).status).toBe(401);
  });

  test("stale and future timestamps are rejected against the real wall clock", async () => {
    expect((await call(authHeaders(sim, "GET", PATH, Date.now() - 60_000))).status).toBe(401);
    expect((await call(authHeaders(sim, "GET", PATH, Date.now() + 60_000))).status).toBe(401);
    expect((await call(authHeaders(sim, "GET", PATH, Date.now() - 1_000))).status).toBe(200);
  });

  test("unknown key and a key pair that is not registered are rejected", async () => {
    const headers = authHeaders(sim, "GET", PATH);
    expect(
      (await call({ ...headers, "KALSHI-ACCESS-KEY": "00000000-0000-0000-0000-000000000000" })).status,
    ).toBe(401);
    const other = generateRsaKeyPair();
    const ts = String(Date.now());
    expect(
      (
        await call({
          ...headers,
          "KALSHI-ACCESS-TIMESTAMP": ts,
          "KALSHI-ACCESS-SIGNATURE": sign(other.privateKeyPem, `${ts}GET${PATH}`),
        })
      ).status,
    ).toBe(401);
  });

  test("public endpoints work unsigned, but present headers must be valid", async () => {
    expect((await fetch(`${sim.baseUrl}/markets?limit=1`)).status).toBe(200);
    const bad = authHeaders(sim, "GET", "/trade-api/v2/markets", Date.now() - 60_000);
    expect((await fetch(`${sim.baseUrl}/markets?limit=1`, { headers: bad })).status).toBe(401);
    const partial = { "KALSHI-ACCESS-KEY": sim.apiKeyId };
    expect((await fetch(`${sim.baseUrl}/markets?limit=1`, { headers: partial })).status).toBe(401);
  });

  test("a newly registered public key can trade via /sim/keys", async () => {
    const pair = generateRsaKeyPair();
    const reg = await fetch(`${sim.controlUrl}/keys`, {
      method: "POST",
      body: JSON.stringify({ public_key_pem: pair.publicKeyPem }),
    });
    const { key_id } = (await reg.json()) as { key_id: string };
    const ts = String(Date.now());
    const r = await call({
      "KALSHI-ACCESS-KEY": key_id,
      "KALSHI-ACCESS-TIMESTAMP": ts,
      "KALSHI-ACCESS-SIGNATURE": sign(pair.privateKeyPem, `${ts}GET${PATH}`),
    });
    expect(r.status).toBe(200);
  });
});

describe("WebSocket upgrade", () => {
  const open = (headers?: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(sim.wsUrl, headers ? { headers } : undefined);
      ws.on("open", () => {
        ws.close();
        resolve(101);
      });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode));
      ws.on("error", () => resolve(-1));
    });

  test("requires a signature over GET /trade-api/ws/v2", async () => {
    expect(await open()).toBe(401);
    expect(await open(authHeaders(sim, "GET", "/trade-api/v2/markets"))).toBe(401);
    expect(await open(authHeaders(sim, "GET", "/trade-api/ws/v2"))).toBe(101);
  });
});
