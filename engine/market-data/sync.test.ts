/**
 * refresh-markets against the simulator: our client over real HTTP, the real event store and the
 * contracts projection. The whole open catalog each run; events only for what changed.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { EventStore } from "../../events/event-store.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { ExchangeClient } from "../exchange/client.ts";
import type { Market } from "../exchange/types.ts";
import { allProjections } from "../projections/index.ts";
import { Projector } from "../projections/projector.ts";
import { ManualClock } from "../time/clock.ts";
import { seededIds } from "../time/random.ts";
import { CachedEventDirectory } from "./event-directory.ts";
import { loadKnownMarkets } from "./known-markets.ts";
import { type CatalogSource, syncMarkets } from "./sync.ts";

const START = Date.parse("2026-01-05T00:00:00Z");
let sim: RunningSimulator;
let t: TestDatabase;
let client: ExchangeClient;
let store: EventStore;
let projector: Projector;
const clock = new ManualClock(START);

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 5,
    markets: 1_500,
    quiet: true,
    clock: { mode: "manual", start: START },
  });
  t = await createTestDatabase();
  client = new ExchangeClient({
    restUrl: sim.baseUrl,
    apiKeyId: sim.apiKeyId,
    privateKeyPem: sim.privateKeyPem,
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 10 },
  });
  store = new EventStore(t.db, { clock, ids: seededIds(1), accountId: "acct", actor: "engine" });
  projector = new Projector(t.db, allProjections);
});
afterAll(async () => {
  await sim.stop();
  await t.drop();
});

const source = (): CatalogSource => ({
  marketPages: (f) => client.marketPages(f),
  marketsByTicker: (tickers) => client.allMarkets({ tickers }),
});

async function run() {
  const result = await syncMarkets({
    source: source(),
    directory: new CachedEventDirectory(client),
    store,
    known: await loadKnownMarkets(t.db),
  });
  await projector.catchUp();
  return result;
}

describe("market sync", () => {
  test("the first run records every open market, with its event's series and category", async () => {
    const open: Market[] = await client.allMarkets({ status: "open" });
    const first = await run();
    expect(first.openMarkets).toBe(open.length);
    expect(first.appended).toBe(open.length);
    const [row] = await t.db.query<{ n: number; categorized: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE category <> 'Uncategorized')::int AS categorized FROM contracts",
    );
    expect(row?.n).toBe(open.length);
    expect(row?.categorized).toBe(open.length);
  });

  test("an unchanged catalog appends nothing; a price move appends exactly that market", async () => {
    expect((await run()).appended).toBe(0);
    const [ticker] = (await client.allMarkets({ status: "open" })).map((m) => m.ticker);
    if (!ticker) throw new Error("no market");
    sim.exchange.setPrice(ticker, "0.42", true);
    const after = await run();
    expect(after.appended).toBeGreaterThanOrEqual(1);
    const events = await store.readStream(`market-${ticker}`);
    expect(events).toHaveLength(2);
  });

  test("markets that leave the open list are fetched once more, so the cache learns they settled", async () => {
    const [ticker] = (await client.allMarkets({ status: "open" })).map((m) => m.ticker);
    if (!ticker) throw new Error("no market");
    sim.exchange.settle(ticker, "yes", 0);
    const result = await run();
    expect(result.departed).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.query<{ resolved: boolean; result: string }>(
      "SELECT resolved, result FROM contracts WHERE market_id = $1",
      [ticker],
    );
    expect(row?.resolved).toBe(true);
  });

  test("a sync cut short and run again stores each observation once", async () => {
    const [ticker] = (await client.allMarkets({ status: "open" })).map((m) => m.ticker);
    if (!ticker) throw new Error("no market");
    sim.exchange.setPrice(ticker, "0.37", true);
    const known = await loadKnownMarkets(t.db);
    // Append without projecting, as if the process died before the projection caught up…
    await syncMarkets({ source: source(), directory: new CachedEventDirectory(client), store, known });
    // …then run again from the same (stale) knowledge: same ids, nothing new.
    const again = await syncMarkets({
      source: source(),
      directory: new CachedEventDirectory(client),
      store,
      known,
    });
    expect(again.changed).toBeGreaterThanOrEqual(1);
    expect(again.appended).toBe(0);
  });
});
