/**
 * Bad input, fuzzed with fast-check: the configuration parser, every GraphQL argument, and every
 * exchange response schema. Zero crashes and zero unhandled rejections; every rejection is a clear,
 * typed error naming what was wrong. FUZZ_CASES cases per target (10,000 in the full run).
 * The config parser's own property tests (engine/config/property.test.ts, a few hundred cases each)
 * cover secrets in messages; this file scales the same contract up and adds the other two doors.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { gql } from "../../engine/api/testing/client.ts";
import { type ApiFixture, apiFixture } from "../../engine/api/testing/fixture.ts";
import { ConfigError } from "../../engine/config/errors.ts";
import { loadConfig } from "../../engine/config/load.ts";
import { spec, VARIABLE_NAMES } from "../../engine/config/variables.ts";
import { InvalidResponse } from "../../engine/exchange/errors.ts";
import * as exchangeSchemas from "../../engine/exchange/schemas/exchange.ts";
import * as historySchemas from "../../engine/exchange/schemas/history.ts";
import * as marketSchemas from "../../engine/exchange/schemas/market.ts";
import * as orderbookSchemas from "../../engine/exchange/schemas/orderbook.ts";
import * as orderSchemas from "../../engine/exchange/schemas/orders.ts";
import * as portfolioSchemas from "../../engine/exchange/schemas/portfolio.ts";
import { validate } from "../../engine/exchange/validate.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { CHAOS_ENABLED, FUZZ_CASES, recordFigures, SEED } from "./figures.ts";

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const figures: Record<string, { cases: number; failures: number }> = {};

beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  if (CHAOS_ENABLED) recordFigures("fuzz", { fuzz: figures, unhandledRejections: unhandled.length });
});

/** Runs a property, counting cases and failures into the figures under `name`. */
async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, check: (v: T) => Promise<void> | void) {
  let cases = 0;
  const result = await fc.check(
    fc.asyncProperty(arb, async (v) => {
      cases++;
      await check(v);
    }),
    { numRuns: FUZZ_CASES, seed: SEED },
  );
  figures[name] = { cases, failures: result.failed ? 1 : 0 };
  if (result.failed) throw new Error(fc.defaultReportMessage(result) ?? `${name} failed`);
  expect(unhandled).toEqual([]);
}

const odd = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "0.0000001",
    "99999999999999999999",
    "\u0000",
    "🙂",
    "\\n",
  ),
  fc.string(),
  fc.string({ unit: "binary" }),
);

describe.skipIf(!CHAOS_ENABLED)("configuration parser", () => {
  test("random environments: a frozen Config or a ConfigError whose every line names a variable", async () => {
    const env = fc
      .array(
        fc.oneof(
          fc
            .constantFrom(...VARIABLE_NAMES)
            .chain((n) => fc.tuple(fc.constant(n), fc.oneof(fc.constant(spec(n).default ?? ""), odd))),
          fc.tuple(fc.string(), odd),
        ),
        { maxLength: 30 },
      )
      .map((entries) => Object.fromEntries(entries) as Record<string, string>);
    await fuzz("config", env, (e) => {
      try {
        const config = loadConfig(e);
        expect(Object.isFrozen(config)).toBe(true);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        for (const line of error.message.split("\n").slice(1))
          if (line.trim()) expect(line).toMatch(/[A-Z][A-Z0-9_]+/);
      }
    });
  }, 600_000);
});

describe.skipIf(!CHAOS_ENABLED)("GraphQL arguments", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await apiFixture();
  });
  afterAll(() => f?.close());

  const operations: { query: string; vars: string[] }[] = [
    { query: "query($days: Int) { overview(days: $days) { __typename } }", vars: ["days"] },
    {
      query:
        "query($status: [TradeStatus!], $ticker: String, $first: Int, $after: String, $sort: TradeSort) { trades(status: $status, ticker: $ticker, first: $first, after: $after, sort: $sort) { totalCount } }",
      vars: ["status", "ticker", "first", "after", "sort"],
    },
    { query: "query($id: ID!) { trade(id: $id) { id } }", vars: ["id"] },
    {
      query: "query($first: Int, $after: String) { decisions(first: $first, after: $after) { __typename } }",
      vars: ["first", "after"],
    },
    {
      query:
        "query($buckets: Int, $from: Float) { calibration(buckets: $buckets, from: $from) { __typename } }",
      vars: ["buckets", "from"],
    },
    { query: "query($id: ID) { scan(id: $id) { __typename } }", vars: ["id"] },
    {
      query:
        "query($kind: ReportKind, $first: Int, $after: String) { dailyReports(kind: $kind, first: $first, after: $after) { __typename } }",
      vars: ["kind", "first", "after"],
    },
    {
      query:
        "query($source: String, $first: Int, $after: String) { errors(source: $source, first: $first, after: $after) { __typename } }",
      vars: ["source", "first", "after"],
    },
    {
      query:
        "query($stream: String, $type: String, $after: String, $first: Int, $order: EventOrder) { events(stream: $stream, type: $type, after: $after, first: $first, order: $order) { __typename } }",
      vars: ["stream", "type", "after", "first", "order"],
    },
    {
      query: "mutation($reason: String!) { pauseTrading(reason: $reason) { __typename } }",
      vars: ["reason"],
    },
    { query: "mutation($name: String!) { runJob(name: $name) { __typename } }", vars: ["name"] },
    { query: "mutation($tradeId: ID!) { closePosition(tradeId: $tradeId) { id } }", vars: ["tradeId"] },
  ];
  const value = fc.oneof(
    odd,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      "OPEN",
      "WON",
      "PROPOSED_AT_DESC",
      "MORNING",
      "NEWEST_FIRST",
      "0:0",
      "999999999999:1",
      "daily-scan",
    ),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const request = fc
    .constantFrom(...operations)
    .chain((op) =>
      fc.tuple(fc.constant(op), fc.tuple(...op.vars.map(() => fc.option(value, { nil: undefined })))),
    );

  test("random arguments: data, or errors with a message and a known code — never an internal error", async () => {
    const KNOWN = new Set(["BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "GRAPHQL_VALIDATION_FAILED"]);
    await fuzz("graphql", request, async ([op, values]) => {
      const variables = Object.fromEntries(
        op.vars.map((v, i) => [v, values[i]]).filter(([, x]) => x !== undefined),
      );
      const r = await gql(f.api, op.query, { variables, headers: { "x-conviction-csrf": "1" } });
      expect(r.status).toBeLessThan(500);
      for (const e of r.errors) {
        expect(e.message.length).toBeGreaterThan(0);
        expect(e.message).not.toBe("Unexpected error.");
        const code = String(e.extensions?.code ?? "GRAPHQL_VALIDATION_FAILED");
        if (!KNOWN.has(code)) throw new Error(`unexpected code ${code}: ${e.message}`);
      }
    });
  }, 600_000);
});

describe.skipIf(!CHAOS_ENABLED)("exchange response parsers", () => {
  let sim: RunningSimulator;
  const samples: { endpoint: string; schema: Parameters<typeof validate>[1]; body: unknown }[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 5, markets: 40, quiet: true, tier: "prime" });
    const get = async (path: string) => (await fetch(`${sim.baseUrl}${path}`)).json() as Promise<unknown>;
    const markets = (await get("/markets?limit=5")) as { markets: { ticker: string }[] };
    const ticker = markets.markets[0]?.ticker ?? "";
    samples.push(
      { endpoint: "GET /markets", schema: marketSchemas.getMarketsResponse, body: markets },
      {
        endpoint: "GET /markets/{ticker}",
        schema: marketSchemas.getMarketResponse,
        body: await get(`/markets/${ticker}`),
      },
      {
        endpoint: "GET /markets/{ticker}/orderbook",
        schema: orderbookSchemas.getOrderbookResponse(ticker),
        body: await get(`/markets/${ticker}/orderbook`),
      },
      {
        endpoint: "GET /exchange/status",
        schema: exchangeSchemas.exchangeStatusResponse,
        body: await get("/exchange/status"),
      },
      {
        endpoint: "GET /markets/trades",
        schema: historySchemas.getTradesResponse,
        body: await get(`/markets/trades?ticker=${ticker}&limit=5`),
      },
    );
    // Authenticated endpoints: no body sample without signing, so they get random JSON only.
    for (const [endpoint, schema] of [
      ["GET /portfolio/balance", portfolioSchemas.getBalanceResponse],
      ["GET /portfolio/positions", portfolioSchemas.getPositionsResponse],
      ["GET /portfolio/fills", portfolioSchemas.getFillsResponse],
      ["GET /portfolio/settlements", portfolioSchemas.getSettlementsResponse],
      ["GET /portfolio/orders", orderSchemas.getOrdersResponse],
      ["POST /portfolio/orders", orderSchemas.createOrderV2Response],
    ] as const)
      samples.push({ endpoint, schema, body: {} });
  }, 60_000);
  afterAll(() => sim?.stop());

  /** A valid body with one value somewhere replaced by something odd, or a body made up whole. */
  function mutate(body: unknown, path: number[], replacement: unknown): unknown {
    if (path.length === 0 || body === null || typeof body !== "object") return replacement;
    const entries = Array.isArray(body) ? body.map((v, i) => [i, v] as const) : Object.entries(body);
    if (entries.length === 0) return replacement;
    const [head = 0, ...rest] = path;
    const [key, v] = entries[head % entries.length] ?? [0, null];
    const copy = (Array.isArray(body) ? [...body] : { ...body }) as Record<string | number, unknown>;
    copy[key] = mutate(v, rest, replacement);
    return copy;
  }

  test("mutated and random payloads: parsed, or InvalidResponse naming endpoint and field", async () => {
    const arb = fc.tuple(
      fc.nat({ max: 1000 }),
      fc.array(fc.nat({ max: 50 }), { maxLength: 6 }),
      fc.oneof(
        odd,
        fc.integer(),
        fc.double(),
        fc.constant(null),
        fc.jsonValue({ maxDepth: 3 }),
        fc.constant(undefined),
      ),
      fc.boolean(),
    );
    let rejected = 0;
    await fuzz("exchange", arb, ([which, path, replacement, whole]) => {
      const s = samples[which % samples.length];
      if (!s) throw new Error("no samples");
      const body = whole ? replacement : mutate(s.body, path, replacement);
      let hooked = 0;
      try {
        validate(s.endpoint, s.schema, body, () => hooked++);
      } catch (error) {
        if (!(error instanceof InvalidResponse)) throw error;
        expect(error.message).toContain(s.endpoint);
        expect(hooked).toBe(1);
        rejected++;
      }
    });
    expect(rejected).toBeGreaterThan(0);
  }, 600_000);
});
