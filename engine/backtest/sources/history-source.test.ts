import { expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allTrades } from "../../trading/read-model.ts";
import { runBacktest } from "../run.ts";
import { observation } from "../testing.ts";

const CLOSE = Date.parse("2026-03-02T20:00:00Z");

/** One imported market in import-history's layout: candles (no sizes), then the settlement. */
function historyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "history-"));
  mkdirSync(join(dir, "markets"));
  const ticker = "HIST-1";
  const candle = (at: string, yesBid: number, yesAsk: number) => {
    const o = observation(ticker, at, CLOSE, { yesBid, yesAsk });
    return { ...o, data: { ...o.data, yesBidSize: null, yesAskSize: null } };
  };
  const lines = [
    {
      format: "conviction-history/1",
      market: {
        ticker,
        eventTicker: `${ticker}-EV`,
        seriesTicker: "HIST",
        category: "Test",
        title: "Will HIST happen?",
        openTime: Date.parse("2026-03-01T00:00:00Z"),
        closeTime: CLOSE,
        settlementTime: CLOSE + 3_600_000,
        result: "yes",
        settlementValue: 1_000_000,
        periodMinutes: 60,
      },
    },
    candle("2026-03-02T07:00:00Z", 930_000, 940_000),
    candle("2026-03-02T08:00:00Z", 935_000, 945_000),
    observation(ticker, CLOSE + 3_600_000, CLOSE, {
      yesBid: 0,
      yesAsk: 1_000_000,
      status: "finalized",
      result: "yes",
    }),
  ];
  writeFileSync(
    join(dir, "markets", `${ticker}.jsonl`),
    `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`,
  );
  return dir;
}

// Through the 00:00 resolution check after the 21:00 settlement.
const window = { from: "2026-03-02T00:00:00Z", to: "2026-03-03T01:00:00Z", selector: "rules" as const };

test("imported history plugs in; candles have no sizes, so depth must be assumed explicitly", async () => {
  const dir = historyDir();
  const noDepth = await runBacktest({ ...window, source: { kind: "history", dir } });
  expect((await allTrades(noDepth.db, noDepth.config.accountId)).length).toBe(0);
  await noDepth.db.close();

  const assumed = await runBacktest({ ...window, source: { kind: "history", dir, assumedDepth: 5000 } });
  const trades = await allTrades(assumed.db, assumed.config.accountId);
  // Bought at the 08:00 candle's close (94.5¢), which is the last one stamped by the 08:00 scan.
  expect(trades.map((t) => [t.contract_id, t.status, t.entry_odds])).toEqual([["HIST-1", "won", 945_000]]);
  expect(assumed.eventsProcessed).toBe(3);
  await assumed.db.close();
});
