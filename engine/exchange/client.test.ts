/**
 * The client against a tiny local Kalshi stand-in (Bun.serve): real HTTP through the SDK and
 * axios, virtual time for the limiter and backoff.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { constants, verify } from "node:crypto";
import { inspect } from "node:util";
import axios from "axios";
import { seededRandom } from "../time/random.ts";
import { ExchangeClient, type ExchangeClientOptions } from "./client.ts";
import {
  ExchangeError,
  InvalidResponse,
  NetworkError,
  ServerError,
  Timeout,
  Unauthorized,
} from "./errors.ts";
import { marketJson, orderJson, testKey, virtualTime } from "./testing.ts";
import type { InvalidResponseReport } from "./validate.ts";

type Handler = (req: Request, url: URL) => Response | Promise<Response>;

let server: ReturnType<typeof Bun.serve>;
let handler: Handler = () => new Response("not set", { status: 500 });
const seen: { method: string; path: string; search: string; headers: Headers }[] = [];

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    fetch(req) {
      const url = new URL(req.url);
      seen.push({ method: req.method, path: url.pathname, search: url.search, headers: req.headers });
      return handler(req, url);
    },
  });
});
afterAll(() => server.stop(true));

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function client(extra: Partial<ExchangeClientOptions> = {}) {
  const { clock, sleep, slept } = virtualTime();
  const invalid: InvalidResponseReport[] = [];
  const c = new ExchangeClient({
    restUrl: `http://127.0.0.1:${server.port}/trade-api/v2`,
    apiKeyId: "key-abc",
    privateKeyPem: testKey().privateKeyPem,
    tier: "basic",
    clock,
    sleep,
    random: seededRandom(42),
    timeoutMs: 2_000,
    onInvalidResponse: (r) => invalid.push(r),
    ...extra,
  });
  return { c, clock, slept, invalid };
}

/** Everything an error could leak through: its JSON, inspection, message and stack. */
function expectNoSecrets(e: unknown) {
  const pem = testKey().privateKeyPem;
  const keyLine = pem.split("\n")[3] ?? "";
  const shown = [
    JSON.stringify(e),
    inspect(e, { showHidden: true, depth: 8 }),
    Bun.inspect(e),
    String(e),
    (e as Error).stack ?? "",
  ];
  for (const s of shown) {
    expect(s).not.toContain(keyLine);
    expect(s).not.toContain("PRIVATE KEY");
    expect(s.toUpperCase()).not.toContain("KALSHI-ACCESS-SIGNATURE");
    expect(s).not.toContain("key-abc");
  }
}

const catalog = Array.from({ length: 2_345 }, (_, i) => `KXCAT-${String(i).padStart(5, "0")}`);

function serveCatalog(url: URL, fail: (n: number) => Response | null, counter: { n: number }) {
  counter.n++;
  const f = fail(counter.n);
  if (f) return f;
  const limit = Number(url.searchParams.get("limit") ?? 100);
  const start = Number(url.searchParams.get("cursor") || 0);
  const page = catalog.slice(start, start + limit).map((t) => marketJson(t));
  const next = start + limit < catalog.length ? String(start + limit) : "";
  return json({ markets: page, cursor: next });
}

describe("ExchangeClient over HTTP", () => {
  test("requests are signed over timestamp + method + path (no query)", async () => {
    handler = () => json({ markets: [marketJson("KX-S")], cursor: "" });
    seen.length = 0;
    const { c } = client();
    await c.allMarkets({ limit: 5 });
    const r = seen[0];
    expect(r?.search).toContain("limit=5");
    const ts = r?.headers.get("kalshi-access-timestamp") ?? "";
    const ok = verify(
      "sha256",
      Buffer.from(`${ts}GET/trade-api/v2/markets`),
      {
        key: testKey().publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      },
      Buffer.from(r?.headers.get("kalshi-access-signature") ?? "", "base64"),
    );
    expect(ok).toBe(true);
    expect(r?.headers.get("kalshi-access-key")).toBe("key-abc");
  });

  test("the SDK classes get a dedicated axios instance: nothing piles up on axios's default", () => {
    const before = (axios.interceptors.request as unknown as { handlers: unknown[] }).handlers.length;
    client();
    client();
    expect((axios.interceptors.request as unknown as { handlers: unknown[] }).handlers.length).toBe(before);
  });

  test("catalog sync with 429s and a 503 injected loses no market", async () => {
    const counter = { n: 0 };
    handler = (_req, url) =>
      serveCatalog(
        url,
        (n) =>
          n % 2 === 1 && n < 6
            ? json({ error: "too many requests" }, 429)
            : n === 6
              ? json({ error: { code: "internal", message: "boom" } }, 503)
              : null,
        counter,
      );
    const { c, slept } = client();
    const pages: number[] = [];
    const all: string[] = [];
    for await (const p of c.marketPages({ status: "open" })) {
      pages.push(p.markets.length);
      for (const m of p.markets) all.push(m.ticker);
    }
    expect(all).toEqual(catalog);
    expect(pages).toEqual([1000, 1000, 345]);
    expect(counter.n).toBe(7); // 3 pages + 3 × 429 + 1 × 503
    expect(slept.length).toBeGreaterThanOrEqual(4);
  });

  test("close-time filter goes out in whole seconds and is trimmed to the exact ms", async () => {
    const closeA = Date.parse("2026-02-01T00:00:00.000Z");
    handler = () =>
      json({
        markets: [
          marketJson("A", { close_time: "2026-02-01T00:00:00.000Z" }),
          marketJson("B", { close_time: "2026-02-01T00:00:00.500Z" }),
        ],
        cursor: "",
      });
    seen.length = 0;
    const { c } = client();
    const got = await c.allMarkets({ minCloseTime: closeA + 1, maxCloseTime: closeA + 999 });
    expect(got.map((m) => m.ticker)).toEqual(["B"]);
    expect(seen[0]?.search).toContain(`min_close_ts=${closeA / 1000}`);
    expect(seen[0]?.search).toContain(`max_close_ts=${closeA / 1000 + 1}`);
  });

  test("an invalid response calls the hook and throws InvalidResponse naming endpoint and field", async () => {
    handler = () =>
      json({ markets: [marketJson("A"), marketJson("B", { yes_bid_dollars: "0.95.1" })], cursor: "" });
    const { c, invalid } = client();
    let err: unknown;
    try {
      await c.allMarkets();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidResponse);
    expect((err as InvalidResponse).endpoint).toBe("GET /markets");
    expect((err as InvalidResponse).field).toBe("markets.1.yes_bid_dollars");
    expect(invalid).toEqual([
      {
        endpoint: "GET /markets",
        field: "markets.1.yes_bid_dollars",
        issue: expect.stringContaining("0.95.1"),
        sample: '"0.95.1"',
      },
    ]);
    expectNoSecrets(err);
  });

  test("401, 500, timeouts and refused connections become typed errors without secrets", async () => {
    handler = () => json({ error: { code: "unauthorized", message: "bad signature" } }, 401);
    const e401 = await client()
      .c.getBalance()
      .catch((e) => e);
    expect(e401).toBeInstanceOf(Unauthorized);
    expect(e401.detail).toBe("unauthorized: bad signature");
    expectNoSecrets(e401);

    handler = () => json({ error: "down" }, 500);
    const e500 = await client({ retry: { maxAttempts: 2 } })
      .c.getBalance()
      .catch((e) => e);
    expect(e500).toBeInstanceOf(ServerError);
    expectNoSecrets(e500);

    handler = async () => {
      await Bun.sleep(300);
      return json({});
    };
    const eTimeout = await client({ retry: { maxAttempts: 1 }, timeoutMs: 50 })
      .c.getBalance()
      .catch((e) => e);
    expect(eTimeout).toBeInstanceOf(Timeout);
    expectNoSecrets(eTimeout);

    const eNet = await client({ restUrl: "http://127.0.0.1:1/trade-api/v2", retry: { maxAttempts: 1 } })
      .c.getBalance()
      .catch((e) => e);
    expect(eNet).toBeInstanceOf(NetworkError);
    expect(eNet).toBeInstanceOf(ExchangeError);
    expectNoSecrets(eNet);
  });

  test("batched order books are chunked to what the read bucket can pay for", async () => {
    seen.length = 0;
    handler = (_req, url) => {
      const tickers = url.searchParams.getAll("tickers").flatMap((t) => t.split(","));
      return json({
        orderbooks: tickers.map((t) => ({
          ticker: t,
          orderbook_fp: { yes_dollars: [["0.9500", "1.00"]], no_dollars: [] },
        })),
      });
    };
    const tickers = Array.from({ length: 45 }, (_, i) => `KXOB-${i}`);
    const { c } = client();
    const books = await c.getOrderBooks(tickers);
    expect(books.size).toBe(45);
    expect(seen.filter((s) => s.path.endsWith("/markets/orderbooks"))).toHaveLength(3); // 20 + 20 + 5 at Basic
    expect(books.get("KXOB-44")?.yesBids).toEqual([{ price: 950_000, size: 100 }] as never);
  });

  test("an order whose response is lost to a 5xx is placed exactly once and recovered", async () => {
    const placed: Record<string, unknown>[] = [];
    let posts = 0;
    handler = async (req, url) => {
      if (req.method === "POST" && url.pathname.endsWith("/portfolio/events/orders")) {
        posts++;
        const body = (await req.json()) as Record<string, unknown>;
        if (placed.some((p) => p.client_order_id === body.client_order_id))
          return json({ error: "duplicate" }, 409);
        placed.push(body);
        return json({ error: "gateway" }, 502); // placed, but the answer is lost
      }
      if (req.method === "GET" && url.pathname.endsWith("/portfolio/orders")) {
        return json({
          orders: placed.map((p, i) =>
            orderJson({ order_id: `o-${i}`, client_order_id: p.client_order_id, ticker: p.ticker }),
          ),
          cursor: "",
        });
      }
      return json({ error: "nope" }, 404);
    };
    const { c } = client();
    const r = await c.placeOrder({
      ticker: "KXTEST-1",
      clientOrderId: "cid-lost",
      side: "yes",
      action: "buy",
      count: 1000 as never,
      limitPrice: 970_000 as never,
      timeInForce: "immediate_or_cancel",
    });
    expect(posts).toBe(1);
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({
      side: "bid",
      price: "0.9700",
      count: "10.00",
      time_in_force: "immediate_or_cancel",
    });
    expect(r.orderId).toBe("o-0");
    expect(r.recovered?.clientOrderId).toBe("cid-lost");
  });

  test("calibrate adopts the account's bucket sizes and endpoint costs", async () => {
    handler = (_req, url) => {
      if (url.pathname.endsWith("/account/limits")) {
        return json({
          usage_tier: "advanced",
          read: { refill_rate: 300, bucket_capacity: 300 },
          write: { refill_rate: 300, bucket_capacity: 600 },
          grants: [],
        });
      }
      if (url.pathname.endsWith("/account/endpoint_costs")) {
        return json({
          default_cost: 10,
          endpoint_costs: [
            { method: "DELETE", path: "/trade-api/v2/portfolio/events/orders/{order_id}", cost: 2 },
          ],
        });
      }
      return json({ error: "no" }, 404);
    };
    const { c } = client();
    const r = await c.calibrate();
    expect(r.usageTier).toBe("advanced");
    expect(c.transport.limiter.limits.write).toEqual({ refillPerSecond: 300, capacity: 600 });
    expect(c.transport.costs.of("DELETE /portfolio/events/orders/{order_id}")).toBe(2);
    expect(c.transport.costs.of("GET /markets")).toBe(10);
  });

  test("unauthenticated clients send no auth headers", async () => {
    seen.length = 0;
    handler = () => json({ exchange_active: true, trading_active: true });
    const c = new ExchangeClient({ restUrl: `http://127.0.0.1:${server.port}/trade-api/v2` });
    expect(await c.getExchangeStatus()).toEqual({
      exchangeActive: true,
      tradingActive: true,
      estimatedResumeTime: null,
    });
    expect(seen[0]?.headers.get("kalshi-access-key")).toBeNull();
  });
});
