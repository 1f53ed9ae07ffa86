import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Database } from "../db/database.ts";
import { createGraphQL, type GraphQLHandle } from "./graphql.ts";
import { ReadModelVersion } from "./read-model-version.ts";
import { gql } from "./testing/client.ts";
import { testConfig } from "./testing/config.ts";
import { FakeControl } from "./testing/fake-control.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";
import { market, TICKERS } from "./testing/seed.ts";

/** The database, counting the statements the API sends (listen is set up once, not counted). */
function counting(db: Database): { db: Database; queries: () => number } {
  let n = 0;
  return {
    queries: () => n,
    db: {
      ...db,
      kind: db.kind,
      query: (text, params) => {
        n++;
        return db.query(text, params);
      },
      exec: (sql) => {
        n++;
        return db.exec(sql);
      },
      transaction: (fn) => {
        n++;
        return db.transaction(fn);
      },
      listen: (channel, onNotify) => db.listen(channel, onNotify),
      reserve: () => db.reserve(),
      close: () => db.close(),
    },
  };
}

const OVERVIEW = "{ overview { unrealizedPnl { micros } openPositionCount tradingState { status } } }";
const TRADES = `{ trades(first: 50) { totalCount edges { node { id status unrealizedPnl { micros }
  market { yesBid { micros } } } } } }`;

interface Read {
  overview: { unrealizedPnl: { micros: string }; tradingState: { status: string } };
  trades: {
    edges: {
      node: { id: string; unrealizedPnl: { micros: string } | null; market: { yesBid: { micros: string } } };
    }[];
  };
}

let f: ApiFixture;
let api: GraphQLHandle;
let count: ReturnType<typeof counting>;

beforeAll(async () => {
  f = await apiFixture();
  count = counting(f.t.db);
  api = createGraphQL({
    db: count.db,
    control: new FakeControl(f.history),
    config: testConfig(),
    clock: f.history.clock,
    // A frozen wall clock: the staleness bound never expires, only notifications move the version.
    readVersions: { now: () => 0 },
  });
  await api.versions.start();
});
afterAll(async () => {
  await api.close();
  await f.close();
});

const read = async () => {
  const o = await gql<Read>(api, OVERVIEW);
  const t = await gql<Read>(api, TRADES);
  expect(o.errors).toEqual([]);
  expect(t.errors).toEqual([]);
  return { overview: o.data?.overview, trades: t.data?.trades };
};

const openTradeOf = (r: Awaited<ReturnType<typeof read>>) =>
  r.trades?.edges.find((e) => e.node.unrealizedPnl !== null)?.node;

/** Waits for the notification, bounded so a missing trigger fails instead of hanging. */
const notified = (p: Promise<void>) =>
  Promise.race([
    p.then(() => "notified"),
    new Promise((resolve) => setTimeout(() => resolve("no NOTIFY within 5 s"), 5000).unref?.()),
  ]);

test("repeated identical reads send no query at all: not even the version", async () => {
  await read();
  const before = count.queries();
  for (let i = 0; i < 5; i++) await read();
  expect(count.queries()).toBe(before);
});

test("a write through a projection invalidates the cached overview and trades page", async () => {
  const first = await read();
  const open = openTradeOf(first);
  expect(open).toBeDefined();

  // The open position's market moves: its bid, its unrealized P&L and the overview's all change.
  const changed = api.versions.nextChange();
  await f.history.append(`market-${TICKERS.open}`, [market(TICKERS.open, 700_000)]);
  expect(await notified(changed)).toBe("notified");
  const afterPrice = await read();
  const moved = afterPrice.trades?.edges.find((e) => e.node.id === open?.id)?.node;
  expect(moved?.market.yesBid.micros).toBe("700000");
  expect(moved?.unrealizedPnl).not.toEqual(open?.unrealizedPnl);
  expect(afterPrice.overview?.unrealizedPnl).not.toEqual(first.overview?.unrealizedPnl);

  // A pause reaches the cached overview too.
  const paused = api.versions.nextChange();
  await f.history.append("trading-state", [
    { type: "TradingPaused", data: { reason: "cache test", pausedUntil: null } },
  ]);
  expect(await notified(paused)).toBe("notified");
  expect((await read()).overview?.tradingState.status).toBe("PAUSED");

  // And every cached answer is what a handle without any cache reads from the tables now.
  const fresh = createGraphQL({
    db: f.t.db,
    control: new FakeControl(f.history),
    config: testConfig(),
    clock: f.history.clock,
  });
  try {
    const [o, t] = [await gql(fresh, OVERVIEW), await gql(fresh, TRADES)];
    expect({ overview: o.data?.overview, trades: t.data?.trades }).toEqual(await read());
  } finally {
    await fresh.close();
  }
});

test("a version read that started before an invalidation is not remembered", async () => {
  const versions = new ReadModelVersion(f.t.db, { now: () => 0 });
  await versions.start();
  try {
    const inFlight = versions.current();
    versions.invalidate();
    await inFlight;
    // Not remembered: the next call asks the database again (a new promise).
    expect(versions.current()).not.toBe(inFlight);
    const remembered = versions.current();
    await remembered;
    expect(versions.current()).toBe(remembered);
  } finally {
    await versions.stop();
  }
});
