import { afterAll, beforeAll, expect, test } from "bun:test";
import { codes, gql } from "./testing/client.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(() => f.close());

/** The dashboard's heaviest screens: these must always pass the limits. */
const DASHBOARD = [
  `{ overview { balance { display } bankroll { display } totalPnl { display } realizedPnl { display } unrealizedPnl { display }
      winRate roi openPositionCount tradingState { status reason since pausedUntil breaker }
      equityCurve { date cumulativePnl { micros display } equity { display } }
      dailyPnl { date pnl { micros display } trades wins losses } }
    positions { tradeId ticker title side contracts entryPrice { display } bid { display } unrealizedPnl { display } unrealizedPnlPct closeTime } }`,
  `{ trades(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
      id ticker title side status proposedAt closedAt entryPrice { dollars } entryCost { display } realizedPnl { display }
      unrealizedPnl { display } market { yesBid { dollars } noBid { dollars } status } decision { id selector model } } } } }`,
  `query($id: ID!) { trade(id: $id) { id story { kind at summary checks { check passed detail } event { id type position data occurredAt } } } }`,
  `{ decisions(first: 25) { nodes { id runAt selector status model picks { ticker side allocation { display } confidence reasoning }
      probabilities { ticker side probability } cost { display } inputTokens outputTokens scan { id candidates { ticker price { dollars } } }
      trades { id status realizedPnl { display } } } } calibration { brier points buckets { lower upper count meanProbability observedFrequency } } }`,
];

test("the dashboard's queries pass the depth and cost limits", async () => {
  for (const query of DASHBOARD) {
    const r = await gql(f.api, query, { variables: { id: "x" } });
    expect(r.errors).toEqual([]);
  }
});

test("a query deeper than 10 levels is refused before it runs", async () => {
  const chain = (levels: number): string =>
    levels === 0 ? "id" : `decision { trades { ${chain(levels - 1)} } }`;
  // trades → nodes → (decision → trades) × 4 → id: depth 11.
  const deep = `{ trades(first: 1) { nodes { ${chain(4)} } } }`;
  const r = await gql(f.api, deep);
  expect(r.data).toBeNull();
  expect(r.errors[0]?.message).toMatch(/depth limit of 10/i);
  expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  // One level less runs.
  expect((await gql(f.api, `{ trades(first: 1) { nodes { ${chain(3)} } } }`)).errors).toEqual([]);
});

test("a query too costly is refused before it runs", async () => {
  const field =
    "id ticker title status side proposedAt realizedPnl { micros dollars display } entryCost { micros dollars display }";
  const wide = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: trades(first: 100) { nodes { ${field} market { question yesBid { micros } } } }`).join(" ")} }`;
  const r = await gql(f.api, wide);
  expect(r.data).toBeNull();
  expect(r.errors[0]?.message).toMatch(/cost limit/i);
  expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
});

test("page sizes are capped, so no list can ask for everything at once", async () => {
  const r = await gql(f.api, "query($n: Int) { events(first: $n) { nodes { id } } }", {
    variables: { n: 1000 },
  });
  expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  expect(r.errors[0]?.message).toContain("between 1 and 100");
});
