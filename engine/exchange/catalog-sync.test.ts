/**
 * refresh-markets fed by the partitioned listing (ExchangeClient.catalogPages: cursor chains over
 * created-time windows at once) records exactly what it records fed by one sequential cursor
 * chain: the same MarketObserved events (their ids derive from ticker, observation number and
 * content) and the same contracts rows, on the first run, which samples its windows, and on the
 * next, which reuses the previous listing's. Runs on PGlite and, with TEST_DATABASE_URL, on
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { EventStore } from "../../events/event-store.ts";
import { eventsBeyondHorizon } from "../../events/store/read.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { CachedEventDirectory } from "../market-data/event-directory.ts";
import { loadKnownMarkets } from "../market-data/known-markets.ts";
import { type CatalogSource, syncMarkets } from "../market-data/sync.ts";
import { allProjections } from "../projections/index.ts";
import { Projector } from "../projections/projector.ts";
import { ManualClock } from "../time/clock.ts";
import { seededIds } from "../time/random.ts";
import { ExchangeClient } from "./client.ts";

const START = Date.parse("2026-01-05T00:00:00Z");
/** Small pages, so a catalog of a few thousand markets spans enough pages to be partitioned. */
const PAGE = 100;

let sim: RunningSimulator;
const dbs: TestDatabase[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 9,
    markets: 2_000,
    tier: "premier",
    quiet: true,
    clock: { mode: "manual", start: START },
  });
});
afterAll(async () => {
  await sim.stop();
  for (const d of dbs) await d.drop();
});

async function syncer(listing: (c: ExchangeClient) => CatalogSource["marketPages"]) {
  const t = await createTestDatabase();
  dbs.push(t);
  let listingRequests = 0;
  const client = new ExchangeClient({
    restUrl: sim.baseUrl,
    apiKeyId: sim.apiKeyId,
    privateKeyPem: sim.privateKeyPem,
    // The limiter is not under test here; a faster tier keeps the test short.
    tier: "premier",
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 10 },
    onRequest: (r) => {
      if (r.endpoint === "GET /markets" && r.error === null) listingRequests++;
    },
  });
  const clock = new ManualClock(START);
  const store = new EventStore(t.db, { clock, ids: seededIds(1), accountId: "acct", actor: "engine" });
  const projector = new Projector(t.db, allProjections);
  const source: CatalogSource = {
    marketPages: listing(client),
    marketsByTicker: (tickers) => client.allMarkets({ tickers }),
  };
  return {
    /** Successful GET /markets requests so far (the listing, and the look at departed markets). */
    requests: () => listingRequests,
    async run() {
      const r = await syncMarkets({
        source,
        directory: new CachedEventDirectory(client),
        store,
        known: await loadKnownMarkets(t.db),
      });
      // PostgreSQL's snapshot horizon is cluster-wide: another database's open transaction can
      // hold our newest events back for a moment. Both syncs must start from a complete cache.
      for (let tries = 0; ; tries++) {
        const beyond = await eventsBeyondHorizon(t.db);
        await projector.catchUp();
        if (beyond === 0) break;
        if (tries > 1_000) throw new Error("events stayed beyond the snapshot horizon");
        await Bun.sleep(10);
      }
      return r;
    },
    async state() {
      const events = await t.db.query<{ event_id: string; stream_id: string; data: unknown }>(
        "SELECT event_id::text, stream_id, data FROM events WHERE event_type = 'MarketObserved' ORDER BY event_id",
      );
      const contracts = await t.db.query<Record<string, unknown>>(
        "SELECT * FROM contracts ORDER BY market_id",
      );
      return { events, contracts };
    },
  };
}

describe("partitioned catalog sync", () => {
  test("records exactly what a sequential sync records, first run and next", async () => {
    const sequential = await syncer((c) => (f) => c.marketPages({ ...f, limit: PAGE }));
    const partitioned = await syncer((c) => (f) => c.catalogPages({ ...f, limit: PAGE }));

    const a1 = await sequential.run();
    const b1 = await partitioned.run();
    expect(a1.openMarkets).toBeGreaterThan(5 * PAGE);
    expect(b1.openMarkets).toBe(a1.openMarkets);
    expect(b1.appended).toBe(a1.appended);
    // It did partition (the sampling page and a partial last page per extra chain come on top of
    // the sequential chain's pages), at a cost of at most those few requests.
    expect(partitioned.requests()).toBeGreaterThan(sequential.requests());
    expect(partitioned.requests()).toBeLessThanOrEqual(sequential.requests() + 4);

    // Something changes on the exchange between runs; the second partitioned run uses learned windows.
    const moved = (await sequential.state()).contracts[0]?.market_id;
    if (typeof moved !== "string") throw new Error("no market recorded");
    sim.exchange.setPrice(moved, "0.41", true);
    const a2 = await sequential.run();
    const b2 = await partitioned.run();
    expect(b2.openMarkets).toBe(a2.openMarkets);
    expect(b2.appended).toBe(a2.appended);

    const [sa, sb] = [await sequential.state(), await partitioned.state()];
    expect(sa.events.length).toBe(a1.appended + a2.appended);
    expect(sb.events).toEqual(sa.events);
    expect(sb.contracts).toEqual(sa.contracts);
  }, 60_000);
});
