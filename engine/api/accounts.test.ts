// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are read field by field; their shape is what the test asserts.
/**
 * Several engines, one database: two accounts' events side by side, read through yoga.fetch with
 * the X-Conviction-Account header (or the URL's `account`), as the dashboard's account switcher does.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { EventStore } from "../../events/event-store.ts";
import { Leadership } from "../schedule/leader.ts";
import { ACCOUNT_HEADER } from "./account/selection.ts";
import { codes, gql } from "./testing/client.ts";
import { PASSWORD, testConfig } from "./testing/config.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";
import { OTHER, OTHER_TRADE, seedOtherAccount } from "./testing/other-account.ts";
import { ACCOUNT, IDS } from "./testing/seed.ts";

let f: ApiFixture;
let follower: { stop(): Promise<void> };
let otherStore: EventStore;

beforeAll(async () => {
  f = await apiFixture({ live: { debounceMs: 5, maxWaitMs: 50, pollMs: 100 } });
  otherStore = await seedOtherAccount(f);
  follower = f.history.projector.follow(() => {}, 100);
});
afterAll(async () => {
  await follower?.stop();
  await f?.close();
});

const as = (account: string | null, query: string, variables?: Record<string, unknown>) =>
  gql<Record<string, any>>(f.api, query, {
    variables,
    headers: account === null ? {} : { [ACCOUNT_HEADER]: account },
  });
const tradeIds = (r: { data: Record<string, any> | null }) =>
  (r.data?.trades.edges ?? []).map((e: any) => e.node.id).sort();

test("every event a store writes carries its account", async () => {
  const rows = await f.t.db.query<{ account: string; n: number }>(
    `SELECT metadata ->> 'accountId' AS account, count(*)::int AS n FROM events GROUP BY 1 ORDER BY 1`,
  );
  expect(rows.map((r) => r.account)).toEqual([ACCOUNT, OTHER].sort());
});

test("accounts: both, the served one first, with which is served and which is read", async () => {
  const mine = await as(null, "{ accounts { id servedHere selected tradeCount } }");
  expect(mine.errors).toEqual([]);
  expect(mine.data?.accounts.map((a: any) => a.id)).toEqual([ACCOUNT, OTHER]);
  expect(mine.data?.accounts[0]).toMatchObject({ servedHere: true, selected: true });
  expect(mine.data?.accounts[0].tradeCount).toBeGreaterThan(1);
  expect(mine.data?.accounts[1]).toEqual({ id: OTHER, servedHere: false, selected: false, tradeCount: 1 });
  const theirs = await as(OTHER, "{ accounts { id selected } }");
  expect(theirs.data?.accounts).toEqual([
    { id: ACCOUNT, selected: false },
    { id: OTHER, selected: true },
  ]);
});

describe("reads follow the selected account", () => {
  const TRADES = "{ trades(first: 100) { totalCount edges { node { id market { ticker } } } } }";

  test("default is the engine's own account; the header picks the other one", async () => {
    const mine = await as(null, TRADES);
    const explicit = await as(ACCOUNT, TRADES);
    const theirs = await as(OTHER, TRADES);
    expect(mine.errors).toEqual([]);
    expect(theirs.errors).toEqual([]);
    expect(tradeIds(mine)).toContain(IDS.openTrade);
    expect(tradeIds(mine)).not.toContain(OTHER_TRADE);
    expect(tradeIds(explicit)).toEqual(tradeIds(mine));
    expect(tradeIds(theirs)).toEqual([OTHER_TRADE]);
    expect(theirs.data?.trades.totalCount).toBe(1);
  });

  test("the URL's account parameter (the SSE stream's way) works like the header", async () => {
    const r = await gql<Record<string, any>>(f.api, TRADES, {
      url: `http://localhost/graphql?account=${OTHER}`,
    });
    expect(tradeIds(r)).toEqual([OTHER_TRADE]);
  });

  test("lookups by id and the loaders are scoped: another account's trade is not there", async () => {
    const q = `query($id: ID!) { trade(id: $id) { id aiReasoning } }`;
    expect((await as(null, q, { id: OTHER_TRADE })).data?.trade).toBeNull();
    expect((await as(OTHER, q, { id: OTHER_TRADE })).data?.trade).toEqual({
      id: OTHER_TRADE,
      aiReasoning: "the other account's own reasoning",
    });
    expect((await as(OTHER, q, { id: IDS.openTrade })).data?.trade).toBeNull();
  });

  test("overview and positions: the other account's figures, mode from its orders, no paper ledger", async () => {
    const q = `{ overview { mode balanceSource openPositionCount openCost { micros } }
                 positions { trade { id } } }`;
    const mine = await as(null, q);
    const theirs = await as(OTHER, q);
    expect(mine.data?.overview).toMatchObject({ mode: "PAPER", balanceSource: "PAPER_LEDGER" });
    expect(theirs.errors).toEqual([]);
    // Its PAPER_STARTING_BALANCE is the other engine's setting: never guessed from this one's.
    expect(theirs.data?.overview).toMatchObject({
      mode: "LIVE",
      balanceSource: "UNAVAILABLE",
      openPositionCount: 1,
      openCost: { micros: "27010000" }, // 30 contracts at 90¢ + the 1¢ fee
    });
    expect(theirs.data?.positions.map((p: any) => p.trade.id)).toEqual([OTHER_TRADE]);
    expect(mine.data?.positions.map((p: any) => p.trade.id)).not.toContain(OTHER_TRADE);
  });
});

test("an unknown or malformed account is BAD_USER_INPUT naming the value, never an empty account", async () => {
  for (const bad of ["nobody", "Not An Id!"]) {
    const r = await as(bad, "{ trades { totalCount } }");
    expect(r.data?.trades ?? null).toBeNull();
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors[0]?.message).toContain(JSON.stringify(bad));
    expect(r.errors[0]?.extensions?.account).toBe(bad);
  }
});

describe("mutations act only for the account this engine serves", () => {
  const PAUSE = `mutation { pauseTrading(reason: "cross-account") { status } }`;

  test("for another account: ACCOUNT_NOT_SERVED naming both, and nothing done", async () => {
    const before = f.control.calls.length;
    for (const m of [
      PAUSE,
      "mutation { resumeTrading { status } }",
      `mutation { closePosition(tradeId: "${OTHER_TRADE}") { id } }`,
      'mutation { runJob(name: "stop-loss") { job } }',
      "mutation { runScan(dryRun: true) { scanId } }",
    ]) {
      const r = await as(OTHER, m);
      expect(codes(r)).toEqual(["ACCOUNT_NOT_SERVED"]);
      expect(r.errors[0]?.message).toContain(`serves account "${ACCOUNT}", not "${OTHER}"`);
      expect(r.errors[0]?.extensions).toMatchObject({ account: OTHER, servedAccount: ACCOUNT });
    }
    expect(f.control.calls.length).toBe(before);
  });

  test("the message says whether an engine for that account is running (its leader lock)", async () => {
    const leader = new Leadership(f.t.db, { accountId: OTHER });
    try {
      expect(await leader.check()).toBe(true);
      const r = await as(OTHER, PAUSE);
      expect(r.errors[0]?.extensions?.accountEngineRunning).toBe(true);
      expect(r.errors[0]?.message).toContain(`ACCOUNT_ID=${OTHER} (one is running)`);
    } finally {
      await leader.stop();
    }
    const after = await as(OTHER, PAUSE);
    expect(after.errors[0]?.extensions?.accountEngineRunning).toBe(false);
  });

  test("for the served account, named or not, the mutation runs", async () => {
    const r = await as(ACCOUNT, PAUSE);
    expect(r.errors).toEqual([]);
    expect(f.control.calls.at(-1)?.method).toBe("pauseTrading");
  });
});

/** An SSE subscription through yoga; returns a reader of its `data:` payloads. */
async function subscribe(account: string | null, query: string) {
  const response = await f.api.fetch(
    new Request("http://localhost/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...(account ? { [ACCOUNT_HEADER]: account } : {}),
      },
      body: JSON.stringify({ query }),
    }),
    { clientIp: "127.0.0.1" },
  );
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(timeoutMs = 15_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split("\n")
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("");
          if (data) return JSON.parse(data);
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no SSE event in time");
        const chunk = await Promise.race([
          reader.read(),
          Bun.sleep(left).then(() => ({ done: true, value: undefined, timeout: true })),
        ]);
        if ("timeout" in chunk) throw new Error("no SSE event in time");
        if (chunk.done) throw new Error("stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

test("subscriptions are scoped to the selected account", async () => {
  const LOG = "subscription { logAppended { events { type streamId } } }";
  const mine = await subscribe(null, LOG);
  const theirs = await subscribe(OTHER, LOG);
  const overview = await subscribe(OTHER, "subscription { overviewChanged { openPositionCount mode } }");
  // This engine's account first, then the other's: each subscriber hears only its own.
  await f.history.append("error-mine", [
    {
      type: "ErrorRecorded",
      data: { errorId: "mine-1", source: "ai", message: "mine", stack: null, context: {} },
    },
  ]);
  await otherStore.append("error-theirs", [
    {
      type: "ErrorRecorded",
      data: { errorId: "theirs-1", source: "ai", message: "theirs", stack: null, context: {} },
    },
  ]);
  expect((await theirs.next()).data.logAppended.events).toEqual([
    { type: "ErrorRecorded", streamId: "error-theirs" },
  ]);
  expect((await mine.next()).data.logAppended.events).toEqual([
    { type: "ErrorRecorded", streamId: "error-mine" },
  ]);
  expect((await overview.next()).data.overviewChanged).toEqual({ openPositionCount: 1, mode: "LIVE" });
  await Promise.all([mine.close(), theirs.close(), overview.close()]);
}, 60_000);

test("an anonymous caller (who may only log in) learns nothing about accounts from the header", async () => {
  const guarded = await apiFixture({ config: testConfig({ DASHBOARD_PASSWORD: PASSWORD }) });
  try {
    const login = (account: string) =>
      gql<Record<string, any>>(guarded.api, "mutation($p: String!) { login(password: $p) { expiresAt } }", {
        variables: { p: "wrong password!" },
        headers: { [ACCOUNT_HEADER]: account },
      });
    // The same answer whether the account exists or not: a wrong password, nothing about "nobody".
    expect(codes(await login("nobody"))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await login(ACCOUNT))).toEqual(["UNAUTHENTICATED"]);
  } finally {
    await guarded.close();
  }
});
