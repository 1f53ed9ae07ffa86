// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are read field by field; their shape is what the test asserts.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { codes, gql } from "./testing/client.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";
import { IDS, TICKERS } from "./testing/seed.ts";

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(() => f.close());

const m = (query: string, variables?: Record<string, unknown>) =>
  gql<Record<string, any>>(f.api, query, { variables });
const callsOf = (method: string) => f.control.calls.filter((c) => c.method === method);

const RUN = `mutation($dry: Boolean!) { runScan(dryRun: $dry) {
  scanId dryRun
  scan { id stages { name count dropped } candidateCount candidates { ticker side price { dollars } } }
  decision { id selector picksCount picks { ticker side allocation { micros } confidence } trades { id } }
  outcomes { tradeId ticker status reasons { check } contracts trade { id status } }
} }`;

test("runScan(dryRun: true): candidates and picks, no outcomes", async () => {
  const r = await m(RUN, { dry: true });
  expect(r.errors).toEqual([]);
  expect(callsOf("runScan").at(-1)?.args).toEqual([true]);
  expect(r.data?.runScan).toMatchObject({
    scanId: "scan-fake",
    dryRun: true,
    scan: {
      candidateCount: 1,
      stages: [
        { name: "all markets", count: 10, dropped: 0 },
        { name: "price band", count: 1, dropped: 9 },
      ],
      candidates: [{ ticker: TICKERS.open, side: "YES", price: { dollars: "0.950000" } }],
    },
    decision: {
      selector: "rules",
      picksCount: 1,
      picks: [{ ticker: TICKERS.open, side: "YES", allocation: { micros: "20000000" } }],
    },
    outcomes: [],
  });
});

test("runScan(dryRun: false): outcomes with their trades", async () => {
  const r = await m(RUN, { dry: false });
  expect(r.errors).toEqual([]);
  expect(r.data?.runScan.outcomes).toEqual([
    {
      tradeId: IDS.openTrade,
      ticker: TICKERS.open,
      status: "FILLED",
      reasons: [],
      contracts: "21.00",
      trade: { id: IDS.openTrade, status: "OPEN" },
    },
  ]);
});

test("a second scan while one runs is a CONFLICT", async () => {
  let release = () => {};
  f.control.scanGate = new Promise<void>((r) => {
    release = r;
  });
  const first = m(RUN, { dry: true });
  await Bun.sleep(20);
  const second = await m(RUN, { dry: true });
  expect(codes(second)).toEqual(["CONFLICT"]);
  release();
  f.control.scanGate = null;
  expect((await first).errors).toEqual([]);
});

test("pauseTrading / resumeTrading go through the engine and read back the projected state", async () => {
  const paused = await m('mutation { pauseTrading(reason: "  news due  ") { status reason since } }');
  expect(paused.data?.pauseTrading).toMatchObject({ status: "PAUSED", reason: "news due" });
  expect(callsOf("pauseTrading").at(-1)?.args).toEqual(["news due"]);
  expect(codes(await m('mutation { pauseTrading(reason: "   ") { status } }'))).toEqual(["BAD_USER_INPUT"]);
  expect(
    codes(await m("mutation($r: String!) { pauseTrading(reason: $r) { status } }", { r: "x".repeat(501) })),
  ).toEqual(["BAD_USER_INPUT"]);
  const resumed = await m("mutation { resumeTrading { status reason } }");
  expect(resumed.data?.resumeTrading).toEqual({ status: "RUNNING", reason: "resumed from the dashboard" });
  expect((await m("{ overview { tradingState { status } } }")).data?.overview.tradingState.status).toBe(
    "RUNNING",
  );
});

test("closePosition: NOT_FOUND, CONFLICT for a finished trade or one being sold, the closed trade otherwise", async () => {
  expect(codes(await m('mutation { closePosition(tradeId: "nope") { id } }'))).toEqual(["NOT_FOUND"]);
  expect(
    codes(await m("mutation($id: ID!) { closePosition(tradeId: $id) { id } }", { id: IDS.wonTrade })),
  ).toEqual(["CONFLICT"]);
  f.control.closeResult = "busy";
  expect(
    codes(await m("mutation($id: ID!) { closePosition(tradeId: $id) { id } }", { id: IDS.openTrade })),
  ).toEqual(["CONFLICT"]);
  f.control.closeResult = "close";
  const r = await m(
    "mutation($id: ID!) { closePosition(tradeId: $id) { id status realizedPnl { micros } } }",
    { id: IDS.openTrade },
  );
  expect(r.errors).toEqual([]);
  expect(r.data?.closePosition).toEqual({
    id: IDS.openTrade,
    status: "CLOSED",
    realizedPnl: { micros: "440000" },
  });
  expect((await m("{ positions { tradeId } }")).data?.positions).toEqual([]);
});

test("runJob: known jobs run; unknown names list the known ones; failures carry their message", async () => {
  const ok = await m(
    'mutation { runJob(name: "stop-loss") { job status startedAt finishedAt durationMs message } }',
  );
  expect(ok.data?.runJob).toEqual({
    job: "stop-loss",
    status: "OK",
    startedAt: "1970-01-01T00:00:01.000Z",
    finishedAt: "1970-01-01T00:00:01.250Z",
    durationMs: 250,
    message: null,
  });
  const unknown = await m('mutation { runJob(name: "rm-rf") { status } }');
  expect(codes(unknown)).toEqual(["BAD_USER_INPUT"]);
  expect(unknown.errors[0]?.extensions?.jobs).toContain("daily-scan");
  f.control.jobError = new Error("exchange unreachable");
  const failed = await m('mutation { runJob(name: "daily-scan") { status message } }');
  expect(failed.data?.runJob).toEqual({ status: "FAILED", message: "exchange unreachable" });
  f.control.jobError = null;
});

test("an unexpected failure in the engine is masked", async () => {
  const original = f.control.health.bind(f.control);
  f.control.health = async () => {
    throw new Error("connection to 10.1.2.3:5432 refused (internal detail)");
  };
  const r = await m("{ health { ready } }");
  expect(r.errors.map((e) => e.message)).toEqual(["Unexpected error."]);
  expect(r.text).not.toContain("10.1.2.3");
  expect(r.text).not.toContain("stack");
  f.control.health = original;
});
