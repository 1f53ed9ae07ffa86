import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { autoAnswer } from "../../analyst/fake-messages-api/auto-answer.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "../../analyst/fake-messages-api/server.ts";
import { allTrades } from "../../trading/read-model.ts";
import { runBacktest } from "../run.ts";
import { memorySource } from "../sources/stream-source.ts";
import { observation } from "../testing.ts";

const KEY = "backtest-ai-key";
const CLOSE = "2026-03-03T20:00:00Z";
const markets = () => [
  observation("AIA-1", "2026-03-01T20:00:00Z", CLOSE, { yesBid: 930_000, yesAsk: 940_000 }),
  observation("AIB-1", "2026-03-01T20:00:00Z", CLOSE, { yesBid: 900_000, yesAsk: 910_000 }),
];

let api: FakeMessagesApi;
const dbs: TestDatabase[] = [];
beforeAll(() => {
  api = startFakeMessagesApi({ apiKey: KEY, otherwise: autoAnswer });
});
afterAll(async () => {
  await api.close();
  for (const d of dbs) await d.drop();
});

async function run(cacheDir: string, budgetMicros: number) {
  const t = await createTestDatabase();
  dbs.push(t);
  const result = await runBacktest({
    from: "2026-03-02T00:00:00Z",
    to: "2026-03-04T00:00:00Z",
    source: memorySource("ai", markets()),
    selector: "ai",
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url, TZ: "UTC" },
    db: t.db,
    aiCacheDir: cacheDir,
    aiBudgetMicros: budgetMicros,
  });
  const decisions = await result.db.query<{ selector: string; status: string }>(
    "SELECT data->>'selector' AS selector, data->>'status' AS status FROM events WHERE event_type = 'AnalysisCompleted' ORDER BY global_position",
  );
  const trades = (await allTrades(result.db, result.config.accountId)).map((r) => [
    r.contract_id,
    r.contracts_purchased,
    r.position_size,
    r.entry_fees,
  ]);
  return { result, decisions, trades };
}

test("the live AI's answers are cached by request: a rerun asks nothing and trades the same", async () => {
  const dir = mkdtempSync(join(tmpdir(), "backtest-ai-"));
  api.reset();
  const first = await run(dir, 5_000_000);
  const asked = api.requests.length;
  expect(asked).toBe(2); // one scan a day
  expect(first.decisions.map((d) => d.selector)).toEqual(["ai", "ai"]);
  expect(first.result.aiSpentMicros).toBeGreaterThan(0);

  const second = await run(dir, 5_000_000);
  expect(api.requests.length).toBe(asked); // zero new requests
  expect(second.result.aiSpentMicros).toBe(0);
  expect(second.trades).toEqual(first.trades);
  expect(second.decisions).toEqual(first.decisions);
});

test("the budget is hard: a call that could pass it is never made, and the rules decide", async () => {
  const dir = mkdtempSync(join(tmpdir(), "backtest-ai-"));
  api.reset();
  const capped = await run(dir, 1_000); // a tenth of a cent: not even one call fits
  expect(api.requests.length).toBe(0);
  expect(capped.result.aiSpentMicros).toBe(0);
  expect(capped.decisions.map((d) => d.status)).toEqual(["fallback", "fallback"]);
});
