import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ManualClock } from "../engine/time/clock.ts";
import { deterministicId, seededIds } from "../engine/time/random.ts";
import { createTestDatabase, type TestDatabase } from "../test/db.ts";
import { EventStore } from "./event-store.ts";
import { EventSchemaError } from "./store/errors.ts";
import { subscribeToAll } from "./store/subscribe.ts";
import { START_OF_LOG, type StoredEvent } from "./store/types.ts";

let t: TestDatabase;
let store: EventStore;
const clock = new ManualClock("2026-11-24T08:00:00Z");
beforeAll(async () => {
  t = await createTestDatabase();
  store = new EventStore(t.db, { clock, ids: seededIds(7), accountId: "acct-1", actor: "engine" });
});
afterAll(() => t.drop());

describe("typed event store", () => {
  test("stamps metadata from the injected clock and context", async () => {
    const first = await store.append("trading-state", [
      { type: "TradingPaused", data: { reason: "test", pausedUntil: null } },
    ]);
    clock.advance(60_000);
    const causation = "00000000-0000-4000-8000-000000000001";
    await store.append("trading-state", [{ type: "TradingResumed", data: { reason: "test" } }], {
      expectedVersion: first.nextVersion,
      correlationId: "chain-1",
      causationId: causation,
      actor: "user",
    });
    const [paused, resumed] = await store.readStream("trading-state");
    expect(paused?.metadata).toMatchObject({
      actor: "engine",
      accountId: "acct-1",
      occurredAt: "2026-11-24T08:00:00.000Z",
    });
    expect(paused?.metadata.correlationId).toBe(paused?.id as string);
    expect(resumed?.metadata).toMatchObject({
      actor: "user",
      correlationId: "chain-1",
      causationId: causation,
      occurredAt: "2026-11-24T08:01:00.000Z",
    });
  });

  test("refuses an event that breaks its schema before anything is stored", async () => {
    await expect(
      store.append("x", [{ type: "TradingPaused", data: { reason: "", pausedUntil: null } }]),
    ).rejects.toBeInstanceOf(EventSchemaError);
    expect(await store.readStream("x")).toEqual([]);
  });

  test("a fact with a natural key is stored once however often it is appended", async () => {
    const id = deterministicId("fill", "KX-1", "fill-123");
    const fill = {
      type: "ErrorRecorded" as const,
      id,
      data: { errorId: "e1", source: "test", message: "m", stack: null, context: {} },
    };
    await store.append("errors-once", [fill]);
    const again = await store.append("errors-once", [fill]);
    expect(again.appended).toBe(0);
    expect(await store.readStream("errors-once")).toHaveLength(1);
  });
});

describe("subscriptions", () => {
  test("deliver at least once: a failing handler sees the same batch again, nothing is skipped", async () => {
    const seen: string[] = [];
    let failures = 0;
    const sub = subscribeToAll(t.db, {
      from: START_OF_LOG,
      pollIntervalMs: 20,
      handle: async (batch: StoredEvent[]) => {
        if (failures < 2) {
          failures++;
          throw new Error("handler hiccup");
        }
        seen.push(...batch.map((e) => e.id));
      },
    });
    await store.append("sub-test", [{ type: "TradingResumed", data: { reason: "a" } }]);
    await sub.caughtUp();
    await sub.stop();
    const all = (await store.readAll(START_OF_LOG, 1000)).map((e) => e.id);
    expect(failures).toBe(2);
    expect(seen).toEqual(all);
  });
});
