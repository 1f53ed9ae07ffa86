import { afterEach, describe, expect, test } from "bun:test";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { RulesSelector } from "../analyst/rules/selector.ts";
import type { Candidate, Selector, SelectorInput } from "../analyst/types.ts";
import { ManualClock } from "../time/clock.ts";
import { allTrades } from "../trading/read-model.ts";
import { runBacktest } from "./run.ts";
import { memorySource } from "./sources/stream-source.ts";
import { observation } from "./testing.ts";

const FROM = "2026-03-02T00:00:00Z"; // a Monday
const TO = "2026-03-04T00:00:00Z";
const CLOSE = "2026-03-03T12:00:00Z";
const SCAN = Date.parse("2026-03-02T08:00:00Z");

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.drop();
});
async function scratch() {
  const t = await createTestDatabase();
  dbs.push(t);
  return t.db;
}

/** The rules selector, keeping every candidate it was shown. */
class RecordingSelector implements Selector {
  readonly seen: { candidates: readonly Candidate[] }[] = [];
  readonly rules = new RulesSelector({ clock: new ManualClock(SCAN) });
  select(input: SelectorInput) {
    this.seen.push({ candidates: input.candidates });
    return this.rules.select(input);
  }
}

describe("leakage guard", () => {
  test("a price stamped after the scan cannot reach the selector or the fill", async () => {
    const observations = [
      observation("LEAK-A", "2026-03-02T07:00:00Z", CLOSE, { yesBid: 910_000, yesAsk: 920_000 }),
      // One millisecond after the scan: the future.
      observation("LEAK-A", SCAN + 1, CLOSE, { yesBid: 950_000, yesAsk: 960_000 }),
      observation("LEAK-A", "2026-03-02T09:00:00Z", CLOSE, { yesBid: 970_000, yesAsk: 975_000 }),
      // A market that first appears after the scan must not be a candidate.
      observation("LEAK-B", "2026-03-02T08:30:00Z", CLOSE, { yesBid: 900_000, yesAsk: 910_000 }),
    ];
    const selector = new RecordingSelector();
    const run = await runBacktest({
      from: FROM,
      to: "2026-03-02T12:00:00Z",
      source: memorySource("leak", observations),
      selector,
      db: await scratch(),
    });
    expect(selector.seen).toHaveLength(1);
    const candidates = selector.seen[0]?.candidates ?? [];
    expect(candidates.map((c) => c.ticker)).toEqual(["LEAK-A"]);
    expect(candidates[0]?.price).toBe(920_000);
    const [trade] = (await allTrades(run.db, run.config.accountId)).filter((t) => t.contracts_purchased > 0);
    expect(trade?.entry_odds).toBe(920_000);
  });
});

describe("a backtest on observations held in memory", () => {
  const week = () => [
    observation("WIN-1", "2026-03-01T20:00:00Z", CLOSE, { yesBid: 930_000, yesAsk: 940_000 }),
    observation("FALL-1", "2026-03-01T20:00:00Z", CLOSE, { yesBid: 920_000, yesAsk: 930_000 }),
    // FALL-1 collapses at 10:17: the real-time stop sells into the 70¢ bid at once.
    observation("FALL-1", "2026-03-02T10:17:00Z", CLOSE, { yesBid: 700_000, yesAsk: 720_000 }),
    // WIN-1 settles YES.
    observation("WIN-1", "2026-03-03T13:00:00Z", CLOSE, {
      yesBid: 0,
      yesAsk: 1_000_000,
      status: "finalized",
      result: "yes",
    }),
  ];

  test("buys at the scan, stops the collapse when it happens, settles the winner", async () => {
    const run = await runBacktest({
      from: FROM,
      to: TO,
      source: memorySource("week", week()),
      selector: "rules",
      db: await scratch(),
    });
    const trades = (await allTrades(run.db, run.config.accountId)).filter((t) => t.contracts_purchased > 0);
    expect(trades.map((t) => [t.contract_id, t.status]).sort()).toEqual([
      ["FALL-1", "stopped"],
      ["WIN-1", "won"],
    ]);
    const [stop] = await run.db.query<{ source: string; triggered_at: Date | string }>(
      "SELECT source, triggered_at FROM stop_loss_events",
    );
    expect(stop?.source).toBe("realtime");
    expect(new Date(stop?.triggered_at ?? 0).toISOString()).toBe("2026-03-02T10:17:00.000Z");
    expect(run.eventsProcessed).toBe(4);
    const pnl = trades.reduce((s, t) => s + (t.pnl ?? 0), 0);
    expect(run.equity.at(-1)?.balanceMicros).toBe(run.startingBalanceMicros + pnl);
    expect(run.equity[0]?.at).toBe(new Date(FROM).toISOString());
  });

  test("the same inputs give the same run, to the micro", async () => {
    const once = async () => {
      const run = await runBacktest({
        from: FROM,
        to: TO,
        source: memorySource("week", week()),
        selector: "rules",
        db: await scratch(),
      });
      return (await allTrades(run.db, run.config.accountId)).map((t) => ({ ...t }));
    };
    expect(await once()).toEqual(await once());
  });

  test("parameter overrides go through the engine's config validation", async () => {
    await expect(
      runBacktest({
        from: FROM,
        to: TO,
        source: memorySource("week", week()),
        selector: "rules",
        parameters: { MIN_ODDS: "1.4" },
      }),
    ).rejects.toThrow(/MIN_ODDS/);
  });
});
