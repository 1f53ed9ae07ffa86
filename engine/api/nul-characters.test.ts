import { afterAll, beforeAll, expect, test } from "bun:test";
import { gql } from "./testing/client.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(() => f?.close());

const csrf = { "x-conviction-csrf": "1" };

test("a NUL in a variable is BAD_USER_INPUT naming it, and nothing runs", async () => {
  const r = await gql(f.api, "mutation($reason: String!) { pauseTrading(reason: $reason) { __typename } }", {
    variables: { reason: "stop\u0000now" },
    headers: csrf,
  });
  expect(r.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(r.errors[0]?.message).toContain("variables.reason");
  expect(f.control.calls.filter((c) => c.method === "pauseTrading")).toEqual([]);
});

test("a NUL in a literal or a nested list is refused too; ordinary text passes", async () => {
  const literal = await gql(f.api, 'query { trades(ticker: "A\\u0000") { totalCount } }');
  expect(literal.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(literal.errors[0]?.message).toContain("argument ticker");
  const nested = await gql(
    f.api,
    "query($s: [TradeStatus!], $t: String) { trades(status: $s, ticker: $t) { totalCount } }",
    {
      variables: { t: "KX\u0000" },
    },
  );
  expect(nested.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  const fine = await gql(f.api, "query($t: String) { trades(ticker: $t) { totalCount } }", {
    variables: { t: "KX-Ünïcode 🙂" },
  });
  expect(fine.errors).toEqual([]);
});
