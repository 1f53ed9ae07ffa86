/**
 * The scanner's market cache held in memory (the default for observation sources) and the one
 * the live engine uses (refresh-markets appends MarketObserved, the scanner reads `contracts`)
 * must give the same backtest: every trade, fill, stop, scan funnel and AI decision, ids
 * included, and the same equity curve. Only the MarketObserved events themselves differ: the
 * database-backed run records them, the in-memory one does not.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import type { Database } from "../db/database.ts";
import { seededRandom } from "../time/random.ts";
import { runBacktest } from "./run.ts";
import { memorySource } from "./sources/stream-source.ts";
import type { Observation } from "./sources/types.ts";
import { observation } from "./testing.ts";

const FROM = Date.parse("2026-03-02T00:00:00Z"); // a Monday
const DAYS = 4;
const HOUR = 3_600_000;

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.drop();
});

/**
 * 40 markets on seeded random walks, quoted every 20 minutes: some appear late, some collapse
 * through the stop threshold, all close on one of the days and settle an hour later.
 */
function week(seed: number): Observation[] {
  const rnd = seededRandom(seed);
  const out: Observation[] = [];
  const price = Array.from({ length: 40 }, () => 870_000 + Math.floor(rnd.next() * 100) * 1000);
  const firstSeen = price.map((_, m) => FROM - 12 * HOUR + (m % 5) * 7 * HOUR);
  const close = price.map((_, m) => FROM + (m % DAYS) * 24 * HOUR + 20 * HOUR);
  for (let at = FROM - 12 * HOUR; at < FROM + DAYS * 24 * HOUR; at += 20 * 60_000) {
    for (let m = 0; m < price.length; m++) {
      if (at < (firstSeen[m] ?? 0) || rnd.next() < 0.5) continue;
      const ticker = `EQ${m % 4}-M${m}`;
      const closes = close[m] ?? 0;
      if (at > closes + HOUR) {
        const result = rnd.next() < (price[m] ?? 0) / 1_000_000 ? "yes" : "no";
        out.push(
          observation(ticker, at, closes, { yesBid: 0, yesAsk: 1_000_000, status: "finalized", result }),
        );
        continue;
      }
      if (at > closes) {
        out.push(observation(ticker, at, closes, { yesBid: 0, yesAsk: 1_000_000, status: "closed" }));
        continue;
      }
      // A third of the markets collapse on their last afternoon; the rest wander a cent or so.
      const collapse = m % 3 === 1 && at > closes - 8 * HOUR;
      const step = collapse ? -200_000 : (Math.floor(rnd.next() * 5) - 2) * 1000;
      const next = Math.min(985_000, Math.max(600_000, (price[m] ?? 900_000) + step));
      price[m] = next;
      out.push(observation(ticker, at, closes, { yesBid: next - 10_000, yesAsk: next }));
    }
  }
  return out;
}

/** Everything the run recorded but the market observations, in log order, positions left out. */
async function recorded(db: Database) {
  return db.query<Record<string, unknown>>(
    `SELECT event_id::text AS id, stream_id, stream_version, event_type, data, metadata
     FROM events WHERE event_type <> 'MarketObserved' ORDER BY global_position`,
  );
}

async function tables(db: Database) {
  return {
    trades: await db.query("SELECT to_jsonb(t) AS r FROM trades t ORDER BY id"),
    stops: await db.query("SELECT to_jsonb(s) AS r FROM stop_loss_events s ORDER BY trade_id"),
    scans: await db.query("SELECT to_jsonb(s) AS r FROM scans s ORDER BY scan_id"),
    decisions: await db.query("SELECT to_jsonb(d) AS r FROM ai_decisions d ORDER BY id"),
  };
}

describe("the scanner's market cache in memory or in the database", () => {
  test("gives the same backtest: trades, fills, stops, scans, decisions, equity", async () => {
    const observations = week(11);
    const run = async (marketCache: "memory" | "database") => {
      const t = await createTestDatabase();
      dbs.push(t);
      const r = await runBacktest({
        from: FROM,
        to: FROM + DAYS * 24 * HOUR,
        source: memorySource("equivalence", observations),
        selector: "rules",
        parameters: { MIN_LIQUIDITY: "500", MIN_ODDS: "0.88", STOP_LOSS_THRESHOLD: "0.84" },
        marketCache,
        db: t.db,
      });
      return {
        events: r.eventsProcessed,
        equity: r.equity,
        recorded: await recorded(t.db),
        tables: await tables(t.db),
        observed: (
          await t.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM events WHERE event_type = 'MarketObserved'",
          )
        )[0]?.n,
      };
    };
    const memory = await run("memory");
    const database = await run("database");

    // The fixture must exercise the path: scans with candidates, buys, a stop, settlements.
    const types = new Set(memory.recorded.map((e) => e.event_type));
    for (const t of ["CandidatesScanned", "OrderFilled", "StopTriggered", "Resolved"])
      expect(types.has(t)).toBe(true);
    // Only the database-backed run writes the market cache through the log.
    expect(memory.observed).toBe(0);
    expect(database.observed).toBeGreaterThan(0);

    expect(memory.events).toBe(database.events);
    expect(memory.equity).toEqual(database.equity);
    expect(memory.recorded).toEqual(database.recorded);
    expect(memory.tables).toEqual(database.tables);
  }, 120_000);
});
