/**
 * The Backtests page's documents against the SDL, its pure helpers, and its loader against the
 * real engine API (GraphQL over a seeded database, in process: nothing is mocked).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { type ApiFixture, apiFixture } from "../../../engine/api/testing/fixture.ts";
import { buildReport, loadKalshiHistory, recordBacktest } from "../../../engine/backtest/report/index.ts";
import { fixedInput } from "../../../engine/backtest/report/testing.ts";
import { settleLog } from "../../../engine/cli/testing.ts";
import { loader } from "../routes/backtests";
import { BACKTEST_QUERY, BACKTESTS_QUERY, type BacktestSummary, equityPoints, selectedId } from "./backtests";
import { setGraphQLFetch } from "./graphql.server";

const schema = buildSchema(readFileSync(new URL("../../../schema/schema.graphql", import.meta.url), "utf8"));

test("the page's documents validate against schema/schema.graphql", () => {
  for (const document of [BACKTESTS_QUERY, BACKTEST_QUERY]) {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  }
});

test("the selected run: ?id= when it is listed, else the newest", () => {
  const runs = [{ id: "b" }, { id: "a" }] as BacktestSummary[];
  expect(selectedId(runs, "http://x/backtests?id=a")).toBe("a");
  expect(selectedId(runs, "http://x/backtests?id=zzz")).toBe("b");
  expect(selectedId(runs, "http://x/backtests")).toBe("b");
  expect(selectedId([], "http://x/backtests")).toBeNull();
});

test("equity points carry the exact P&L since the starting balance", () => {
  const points = equityPoints({
    startingBalance: { micros: "1000000000", display: "$1,000.00" },
    equityCurve: [
      {
        date: "2026-11-02",
        equity: { micros: "989994999", display: "$989.99" },
        low: { micros: "0", display: "" },
        high: { micros: "0", display: "" },
      },
    ],
  });
  expect(points[0]?.cumulativePnl).toEqual({ micros: "-10005001", display: "-$10.01" });
  expect(points[0]?.equity?.micros).toBe("989994999");
});

describe("the loader, against the engine's API", () => {
  let f: ApiFixture;
  const call = (url: string) =>
    loader({ request: new Request(url), params: {}, context: {} }) as ReturnType<typeof loader>;

  beforeAll(async () => {
    f = await apiFixture();
    setGraphQLFetch((request) => f.api.fetch(request, { clientIp: "127.0.0.1" }));
  });
  afterAll(async () => {
    setGraphQLFetch(null);
    await f.close();
  });

  test("no backtest yet: an empty list and nothing selected", async () => {
    const data = await call("http://localhost/backtests");
    expect(data.runs).toEqual([]);
    expect(data.selected).toBeNull();
  });

  test("recorded runs: listed newest first, the selected one with its whole report", async () => {
    const input = fixedInput();
    const report = buildReport(input, loadKalshiHistory());
    await recordBacktest(f.history.store, input, report, { backtestId: "bt-older" });
    f.history.clock.advance(60_000);
    await recordBacktest(f.history.store, input, report, { backtestId: "bt-newer" });
    await settleLog(f.t.db);

    const data = await call("http://localhost/backtests");
    expect(data.total).toBe(2);
    expect(data.runs.map((r) => r.id)).toEqual(["bt-newer", "bt-older"]);
    const b = data.selected;
    expect(b?.id).toBe("bt-newer");
    expect(b?.totalPnl.micros).toBe("-64913200");
    expect(b?.maxDrawdown).toEqual({ micros: "40000000", display: "$40.00" });
    expect(b?.equityCurve.map((p) => p.equity.micros)).toEqual(["1010000000", "990000000", "1030000000"]);
    expect(b?.priceCalibration.map((p) => p.lower)).toEqual([0.88, 0.9, 0.92, 0.95]);
    expect(b?.stopVsHold.net.micros).toBe("54637500");
    expect(b?.stopVsHold.trades.map((t) => t.side)).toEqual(["YES", "NO"]);

    const older = await call("http://localhost/backtests?id=bt-older");
    expect(older.selected?.id).toBe("bt-older");
  });
});
