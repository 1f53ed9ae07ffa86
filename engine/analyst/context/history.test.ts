import { afterAll, beforeAll, expect, test } from "bun:test";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { loadAiSpent, loadTradeHistory } from "./history.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function insertTrade(id: string, status: string, executedAt: string | null, account = "acct") {
  await t.db.query(
    `INSERT INTO trades (id, account_id, contract_id, title, category, series_ticker, side, status, proposed_at,
        executed_at, allocation, limit_price, entry_odds, position_size, entry_fees, contracts_purchased,
        exit_proceeds, exit_fees, contracts_sold, pnl, ai_confidence, ai_reasoning, risk_factors,
        rejection_reasons, close_time, correlation_id)
     VALUES ($1, $2, 'KX-' || $1, 'Title ' || $1, 'Sports', 'KX', 'no', $3, '2026-01-01T08:00:00Z', $4,
        30000000, 930000, 925000, 29600000, 20000, 3200, 0, 0, 0, -29620000, 0.93, 'because',
        '["late goal"]'::jsonb, '[]'::jsonb, '2026-01-02T00:00:00Z', 'c')`,
    [id, account, status, executedAt],
  );
}

test("loads executed trades, newest first, typed, for one account only", async () => {
  await insertTrade("a", "lost", "2026-01-03T08:00:00Z");
  await insertTrade("b", "won", "2026-01-05T08:00:00Z");
  await insertTrade("c", "open", "2026-01-04T08:00:00Z");
  await insertTrade("d", "rejected", null);
  await insertTrade("e", "won", "2026-01-06T08:00:00Z", "other-account");

  const rows = await loadTradeHistory(t.db, "acct");
  expect(rows.map((r) => r.id)).toEqual(["b", "c", "a"]);
  expect(rows[2]).toEqual({
    id: "a",
    ticker: "KX-a",
    title: "Title a",
    category: "Sports",
    seriesTicker: "KX",
    side: "no",
    status: "lost",
    proposedAt: "2026-01-01T08:00:00.000Z",
    executedAt: "2026-01-03T08:00:00.000Z",
    resolvedAt: null,
    entryPrice: 925_000 as never,
    positionSize: 29_600_000 as never,
    pnl: -29_620_000 as never,
    confidence: 0.93,
    reasoning: "because",
    riskFactors: ["late goal"],
  });
  expect(await loadTradeHistory(t.db, "acct", 1)).toHaveLength(1);
});

test("sums today's selector cost", async () => {
  const insert = (id: string, at: string, cost: number) =>
    t.db.query(
      `INSERT INTO ai_decisions (id, account_id, run_at, selector, status, contracts_analyzed, contracts_selected,
          total_allocated, ai_response, selections, probabilities, strategy_notes, rejection_reasons,
          input_tokens, output_tokens, cost, latency_ms)
       VALUES ($1, 'acct', $2, 'ai', 'accepted', 0, 0, 0, '', '[]', '[]', '', '[]', 0, 0, $3, 0)`,
      [id, at, cost],
    );
  await insert("x", "2026-01-15T07:00:00Z", 12_345);
  await insert("y", "2026-01-15T09:00:00Z", 10_000);
  await insert("z", "2026-01-14T23:59:59Z", 99_999);
  expect(await loadAiSpent(t.db, "acct", "2026-01-15T00:00:00Z", "2026-01-16T00:00:00Z")).toBe(
    22_345 as never,
  );
  expect(await loadAiSpent(t.db, "nobody", "2026-01-15T00:00:00Z", "2026-01-16T00:00:00Z")).toBe(0 as never);
});
