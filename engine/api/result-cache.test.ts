import { expect, test } from "bun:test";
import { parse } from "graphql";
import { cacheable } from "./result-cache.ts";

test("only reads that depend on nothing but the versioned tables are cached whole", () => {
  const is = (query: string) => cacheable(parse(query));
  expect(is("{ trades(first: 50) { totalCount edges { node { id market { yesBid { micros } } } } } }")).toBe(
    true,
  );
  expect(is("query Page($n: Int) { trades(first: $n) { edges { cursor } } }")).toBe(true);
  // The clock moves the overview (pause expiry, the day window): never cached whole.
  expect(is("{ overview { openPositionCount } }")).toBe(false);
  expect(is("{ trades { totalCount } overview { openPositionCount } }")).toBe(false);
  // A story reads the event log, which has no read-model version.
  expect(is("{ trades { edges { node { story { type } } } } }")).toBe(false);
  // Fragments are not looked into, so they are not trusted.
  expect(is("{ trades { ...T } } fragment T on TradeConnection { totalCount }")).toBe(false);
  expect(is('mutation { pauseTrading(reason: "x") { status } }')).toBe(false);
  expect(is("{ __typename }")).toBe(false);
});
