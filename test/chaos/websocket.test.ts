/**
 * WebSocket faults as scenario runs (issue 8): the simulator's own scenario files
 * (simulator/scenarios/ws-*.json) break the engine's live feed while the whole engine runs
 * in-process against it with real-time stops on:
 *
 *   dropped   every socket cut             → the feed reconnects and resubscribes
 *   silent    sockets open but mute        → the feed's heartbeat timeout notices and reconnects
 *   seq gap   one message lost per channel → the feed sees the gap, resnapshots, and its book
 *                                            ends equal to the exchange's (REST) book
 *
 * Each run must show the fault really reached the client (the feed's own disconnected / gap
 * events), then end in a recorded event — a held market's price is pushed below the stop after
 * the fault and the real-time path (only the live feed, no scheduled job) must record
 * StopTriggered and sell — and a safe state (test/chaos/invariants.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type Engine, startEngine } from "../../engine/app.ts";
import type { FeedEvent } from "../../engine/exchange/feed/events.ts";
import { LiveFeed } from "../../engine/exchange/feed/feed.ts";
import { feedOptionsFrom } from "../../engine/exchange/index.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { loadScenario } from "../../simulator/scenario/runner.ts";
import { loadScenarioFile } from "../../simulator/scenario/schema.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { memoryLogger, simulatorConfig } from "../support/engine.ts";
import { CHAOS_ENABLED, recordFigures } from "./figures.ts";
import { SAFE, safeState } from "./invariants.ts";

const SCENARIOS_DIR = join(import.meta.dir, "..", "..", "simulator", "scenarios");
/** Short liveness timings so a mute socket is caught in about two seconds (Kalshi: 10 s pings). */
const HEARTBEAT_MS = 200;
const HEARTBEAT_TIMEOUT_MS = 1_500;

let sim: RunningSimulator;
let t: TestDatabase;
let engine: Engine;
/** A second client of the engine's LiveFeed on the order-book channel, for the book check. */
let bookFeed: LiveFeed;
const engineEvents: FeedEvent[] = [];
const bookEvents: FeedEvent[] = [];
const log = memoryLogger();

async function until<T>(
  what: string,
  probe: () => T | null | undefined | Promise<T | null | undefined>,
  ms = 15_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}

/** An open position the engine holds and its live feed watches (buys one if none is left). */
async function heldPosition(): Promise<{ id: string; ticker: string; side: "yes" | "no" }> {
  const open = () =>
    engine.db.query<{ id: string; ticker: string; side: "yes" | "no" }>(
      "SELECT id, contract_id AS ticker, side FROM trades WHERE status = 'open' ORDER BY proposed_at, id",
    );
  let rows = await open();
  if (rows.length === 0) {
    expect((await engine.control.runJob("daily-scan")).status).toBe("ok");
    await engine.projector.catchUp();
    rows = await open();
  }
  await engine.realtime?.refresh();
  const held = rows[0];
  if (!held) throw new Error("the scan bought nothing to hold");
  return held;
}

/** Runs one scenario file on the simulator, now. */
async function runScenario(file: string): Promise<void> {
  loadScenario(sim.exchange, await loadScenarioFile(join(SCENARIOS_DIR, file)));
  sim.exchange.sync(); // its steps are at 0s: due now
}

/** After the fault: the live feed (alone) must see the collapse and sell, on the record. */
async function stopRecordedAfterFault(held: { id: string; ticker: string; side: "yes" | "no" }) {
  sim.exchange.setPrice(held.ticker, held.side === "yes" ? "0.70" : "0.30", true);
  return until("a real-time StopTriggered after the fault", async () => {
    const [row] = await engine.db.query<{ source: string }>(
      "SELECT data ->> 'source' AS source FROM events WHERE event_type = 'StopTriggered' AND data ->> 'tradeId' = $1",
      [held.id],
    );
    return row ?? null;
  });
}

/** After a reconnect: a new ticker subscription among the feed's events since `after`. */
const resubscribedSince = (after: number) =>
  until("a reconnect and a new ticker subscription", () =>
    engineEvents.slice(after).find((e) => e.type === "subscribed" && e.channel === "ticker"),
  );

/** Every scenario ends alike: the recovered feed sells the collapse in real time, in a safe state. */
async function expectSafeRecovery(held: { id: string; ticker: string; side: "yes" | "no" }) {
  expect(await stopRecordedAfterFault(held)).toEqual({ source: "realtime" });
  await engine.realtime?.settled();
  await engine.projector.catchUp();
  expect(await safeState(sim, engine.db)).toEqual(SAFE);
  passed++;
}

let passed = 0;
const figures: Record<string, unknown> = {};

describe.skipIf(!CHAOS_ENABLED)("WebSocket faults as scenario runs, through the engine's live feed", () => {
  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      seed: 5151,
      markets: 150,
      tier: "prime",
      quiet: true,
      heartbeatMs: HEARTBEAT_MS,
    });
    t = await createTestDatabase();
    const config = simulatorConfig(sim, {
      KALSHI_TIER: "prime",
      MIN_LIQUIDITY: "500",
      // Limits out of the way, so each scan has something to hold; the limits have their own tests.
      MAX_TRADES_PER_DAY: "100000",
      DAILY_BUDGET: "100000",
      MAX_STOP_LOSSES_24H: "100000",
      MAX_LOSSES_IN_STREAK: "100000",
    });
    engine = await startEngine(config, log, {
      db: t.db,
      schedule: "manual",
      realtime: true,
      feed: { heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS, reconnect: { baseDelayMs: 50, maxDelayMs: 250 } },
    });
    engine.feed?.on((e) => engineEvents.push(e));
    expect((await engine.control.runJob("refresh-markets")).status).toBe("ok");
    expect((await engine.control.runJob("daily-scan")).status).toBe("ok");
    await engine.projector.catchUp();
    await engine.realtime?.refresh();
    bookFeed = new LiveFeed(
      feedOptionsFrom(config.kalshi, {
        channels: ["orderbook_delta"],
        heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
        reconnect: { baseDelayMs: 50, maxDelayMs: 250 },
      }),
    );
    bookFeed.on((e) => bookEvents.push(e));
    await bookFeed.start();
    await until("the engine's feed to connect", () => engine.feed?.connected);
  }, 120_000);

  afterAll(async () => {
    recordFigures("websocket", { wsScenarios: 3, wsScenariosPassed: passed, ...figures });
    await bookFeed?.stop();
    await engine?.stop();
    await sim?.stop();
    await t?.drop();
  });

  test("dropped WebSocket: reconnects, resubscribes, and the real-time stop still fires", async () => {
    const held = await heldPosition();
    await until("the held market to be watched", () => engine.feed?.watched.has(held.ticker));
    const from = engineEvents.length;
    await runScenario("ws-dropped.json");
    await until("a disconnect", () => engineEvents.slice(from).find((e) => e.type === "disconnected"));
    const after = engineEvents.length;
    await resubscribedSince(after);
    await expectSafeRecovery(held);
  }, 60_000);

  test("silent WebSocket: the heartbeat timeout notices, reconnects, and the real-time stop fires", async () => {
    const held = await heldPosition();
    await until("the held market to be watched", () => engine.feed?.watched.has(held.ticker));
    const from = engineEvents.length;
    const silencedAt = Date.now();
    await runScenario("ws-silent.json");
    const down = await until(
      "the heartbeat timeout",
      () =>
        engineEvents
          .slice(from)
          .find((e): e is Extract<FeedEvent, { type: "disconnected" }> => e.type === "disconnected"),
      HEARTBEAT_TIMEOUT_MS * 10,
    );
    // Not a close from the server: the client itself gave up on a mute socket.
    expect(down.reason).toBe("heartbeat timeout");
    figures.silentDetectedAfterMs = Date.now() - silencedAt;
    const after = engineEvents.length;
    await resubscribedSince(after);
    await expectSafeRecovery(held);
  }, 60_000);

  test("seq gap: the feed resnapshots and ends with the exchange's book; the real-time stop fires", async () => {
    const held = await heldPosition();
    bookFeed.watch([held.ticker]);
    await until("the book's first snapshot", () => bookFeed.book(held.ticker));
    await until("the held market to be watched", () => engine.feed?.watched.has(held.ticker));
    const from = { book: bookEvents.length, engine: engineEvents.length };
    await runScenario("ws-seq-gap.json");
    // Move the book: the first delta (and ticker) after the scenario is lost, the next ones arrive.
    const pushed = held.side === "yes" ? ["0.91", "0.89", "0.92"] : ["0.09", "0.11", "0.08"];
    for (const price of pushed) {
      sim.exchange.setPrice(held.ticker, price, true);
      await Bun.sleep(50);
    }
    const gap = await until("a gap on the order-book channel", () =>
      bookEvents.slice(from.book).find((e) => e.type === "gap"),
    );
    expect(gap).toMatchObject({ type: "gap", channel: "orderbook_delta" });
    await until("the book's resnapshot", () =>
      bookEvents
        .slice(from.book)
        .find((e) => e.type === "book" && e.cause === "snapshot" && e.ticker === held.ticker),
    );
    await until("a gap on the engine's ticker channel", () =>
      engineEvents.slice(from.engine).find((e) => e.type === "gap" && e.channel === "ticker"),
    );
    // The live book equals the exchange's own, level for level (polled: REST syncs the exchange,
    // which may publish one more delta that the socket delivers a moment later).
    const rest = () => engine.deps.market.getOrderBook(held.ticker);
    let last: unknown = null;
    await until("the live book to equal the exchange's", async () => {
      const [live, truth] = [bookFeed.book(held.ticker), await rest()];
      last = { live, truth };
      return live && JSON.stringify(live) === JSON.stringify(truth);
    }).catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
    figures.seqGaps = bookEvents.filter((e) => e.type === "gap").length;
    await expectSafeRecovery(held);
  }, 60_000);
});
