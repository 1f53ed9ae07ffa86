/**
 * ExchangeClient.catalogPages against a fake GET /markets that filters on created time the way
 * Kalshi might (inclusive or exclusive bounds, whole seconds), lists in no particular order and
 * answers 429 now and then: the partitioned listing must hold exactly the markets of a plain
 * sequential one, each once, on the first listing (windows sampled from one page) and on the
 * next (windows from the previous listing).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { seededRandom } from "../time/random.ts";
import { ExchangeClient } from "./client.ts";
import { marketJson, virtualTime } from "./testing.ts";

interface FakeMarket {
  ticker: string;
  created: number;
}

const BASE = Date.parse("2026-01-01T00:00:00Z");
const rng = seededRandom(11);
/** Unusual created times on purpose: clusters in one second, ms fractions, the epoch, the future. */
const catalog: FakeMarket[] = Array.from({ length: 2_345 }, (_, i) => {
  const kind = i % 7;
  const created =
    kind === 0
      ? BASE // a cluster sharing one instant
      : kind === 1
        ? BASE + 999 // same second, later millisecond
        : kind === 2
          ? 0 // the epoch
          : kind === 3
            ? BASE + 400 * 86_400_000 // the future
            : BASE - Math.floor(rng.next() * 200 * 86_400_000);
  return { ticker: `KXCP-${String(i).padStart(5, "0")}`, created };
});
// Listed in a fixed order unrelated to created time.
const listed = [...catalog].sort((a, b) =>
  a.ticker.split("").reverse().join() < b.ticker.split("").reverse().join() ? -1 : 1,
);

let server: ReturnType<typeof Bun.serve>;
let inclusive = true;
let requests = 0;
const queries: URLSearchParams[] = [];

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    fetch(req) {
      const q = new URL(req.url).searchParams;
      requests++;
      queries.push(q);
      if (requests % 5 === 0) return Response.json({ error: "too many requests" }, { status: 429 });
      const limit = Number(q.get("limit") ?? 100);
      const min = q.get("min_created_ts");
      const max = q.get("max_created_ts");
      const sec = (ms: number) => Math.floor(ms / 1000);
      const match = (m: FakeMarket) =>
        (min === null || (inclusive ? sec(m.created) >= Number(min) : sec(m.created) > Number(min))) &&
        (max === null || (inclusive ? sec(m.created) <= Number(max) : sec(m.created) < Number(max)));
      const all = listed.filter(match);
      const from = Number(q.get("cursor") || 0);
      const page = all.slice(from, from + limit);
      const next = from + limit < all.length ? String(from + limit) : "";
      return Response.json({
        markets: page.map((m) => marketJson(m.ticker, { created_time: new Date(m.created).toISOString() })),
        cursor: next,
      });
    },
  });
});
afterAll(() => server.stop(true));

function client(): ExchangeClient {
  const { clock, sleep } = virtualTime();
  return new ExchangeClient({
    restUrl: `http://127.0.0.1:${server.port}/trade-api/v2`,
    tier: "basic",
    clock,
    sleep,
    random: seededRandom(3),
    retry: { maxAttempts: 10 },
  });
}

async function tickersOf(pages: AsyncIterable<{ markets: { ticker: string }[] }>): Promise<string[]> {
  const out: string[] = [];
  for await (const p of pages) for (const m of p.markets) out.push(m.ticker);
  return out;
}

describe("catalogPages", () => {
  for (const mode of ["inclusive", "exclusive"] as const) {
    test(`lists exactly the sequential listing's markets, each once (${mode} created bounds)`, async () => {
      inclusive = mode === "inclusive";
      const c = client();
      const sequential = await tickersOf(c.marketPages({ limit: 100 }));
      expect(sequential).toHaveLength(catalog.length);
      queries.length = 0;
      const first = await tickersOf(c.catalogPages({ limit: 100 }));
      const firstQueries = [...queries];
      queries.length = 0;
      const second = await tickersOf(c.catalogPages({ limit: 100 }));
      for (const run of [first, second]) {
        expect(run).toHaveLength(sequential.length);
        expect([...run].sort()).toEqual([...sequential].sort());
      }
      // Both listings really ran several chains: some requests carried created-time bounds,
      // and no bound went out negative.
      for (const qs of [firstQueries, [...queries]]) {
        const bounded = qs.filter((q) => q.has("min_created_ts") || q.has("max_created_ts"));
        expect(bounded.length).toBeGreaterThan(0);
        for (const q of bounded)
          for (const k of ["min_created_ts", "max_created_ts"]) {
            expect(Number(q.get(k) ?? 0)).toBeGreaterThanOrEqual(0);
          }
      }
    });
  }

  test("created-time bounds go out a second wider each way and are trimmed to the exact ms", async () => {
    inclusive = true;
    queries.length = 0;
    const got = await tickersOf(
      client().marketPages({ limit: 1000, minCreatedTime: BASE + 1, maxCreatedTime: BASE + 999 }),
    );
    const want = catalog.filter((m) => m.created >= BASE + 1 && m.created <= BASE + 999).map((m) => m.ticker);
    expect(want.length).toBeGreaterThan(0);
    expect([...got].sort()).toEqual(want.sort());
    const q = queries.find((x) => x.has("min_created_ts"));
    expect(q?.get("min_created_ts")).toBe(String(BASE / 1000 - 1));
    expect(q?.get("max_created_ts")).toBe(String(BASE / 1000 + 2));
  });

  test("a consumer that stops early leaves no listing behind to learn from", async () => {
    inclusive = true;
    const c = client();
    for await (const _ of c.catalogPages({ limit: 100 })) break;
    queries.length = 0;
    // Still a first listing: it begins with one unbounded page to sample created times.
    const all = await tickersOf(c.catalogPages({ limit: 100 }));
    expect(new Set(all).size).toBe(catalog.length);
    const [firstQuery] = queries;
    expect(firstQuery?.has("min_created_ts") || firstQuery?.has("max_created_ts")).toBe(false);
  });
});
