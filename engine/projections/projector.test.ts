import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { EventStore } from "../../events/event-store.ts";
import { appendToStream } from "../../events/store/append.ts";
import { waitUntilReadable } from "../../events/store/read.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { rawEvent } from "../../test/support/events.ts";
import { scenarioArbitrary } from "../../test/support/scenario.ts";
import { ManualClock } from "../time/clock.ts";
import { seededIds } from "../time/random.ts";
import { allProjections } from "./index.ts";
import { Projector } from "./projector.ts";
import { rebuildAll } from "./rebuild.ts";
import { verifyProjections } from "./verify.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function tableDump(table: string) {
  return t.db.query(`SELECT to_jsonb(x) AS r FROM ${table} x ORDER BY to_jsonb(x)::text`);
}

describe("projections", () => {
  test("incremental projection equals a full rebuild, for random histories (property)", async () => {
    let seed = 1;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, fc.integer({ min: 1, max: 6 }), async (script, chunk) => {
        const clock = new ManualClock("2026-11-24T00:00:00Z");
        const store = new EventStore(t.db, {
          clock,
          ids: seededIds(seed++),
          accountId: "acct",
          actor: "engine",
        });
        const projector = new Projector(t.db, allProjections, { batchSize: 7 });
        // Append in chunks and project after each chunk, as the live engine would.
        for (let i = 0; i < script.length; i++) {
          const s = script[i];
          if (!s) continue;
          clock.set(Date.parse("2026-11-24T00:00:00Z") + s.at * 60_000);
          await store.append(`${s.stream}-${seed}`, s.events, { correlationId: undefined });
          if (i % chunk === 0) await projector.catchUp();
        }
        await projector.catchUp();
        const report = await verifyProjections(t.db);
        if (report.totalDifferences !== 0) console.error(JSON.stringify(report.differences, null, 1));
        expect(report.totalDifferences).toBe(0);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  test("running a projection twice over the same events changes nothing", async () => {
    const projector = new Projector(t.db, allProjections);
    await projector.catchUp();
    const before = await tableDump("trades");
    // Force the same events through again by rewinding nothing: catchUp is a no-op…
    expect(await projector.catchUp()).toBe(0);
    // …and a full rebuild lands on identical rows.
    await rebuildAll(t.db);
    expect(await tableDump("trades")).toEqual(before);
  });

  test("a projection whose version changed is rebuilt from an empty table", async () => {
    const projector = new Projector(t.db, allProjections);
    await projector.catchUp();
    const before = await tableDump("contracts");
    await t.db.query(
      "UPDATE projection_checkpoints SET projection_version = 0 WHERE projection = 'contracts'",
    );
    await t.db.query("UPDATE contracts SET question = 'stale'");
    expect(await projector.resetStale()).toEqual(["contracts"]);
    await projector.catchUp();
    expect(await tableDump("contracts")).toEqual(before);
  });

  test.each([
    ["an unknown type", rawEvent(0, { type: "NoSuchThing" }), "NoSuchThing"],
    ["a schema break", rawEvent(0, { type: "MarketObserved", data: { ticker: 42 } }), "ticker"],
  ])("%s in the log makes replay fail loudly, naming the event", async (_, bad, detail) => {
    const own = await createTestDatabase();
    try {
      await appendToStream(own.db, "fine", [rawEvent(0, { type: "TradingResumed", data: { reason: "ok" } })]);
      await appendToStream(own.db, "broken-stream", [bad]);
      expect(await waitUntilReadable(own.db)).toBe(true);
      const error = await rebuildAll(own.db).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(bad.id);
      expect((error as Error).message).toContain(detail);
      const verify = await verifyProjections(own.db).catch((e: Error) => e);
      expect((verify as Error).message).toContain(bad.id);
    } finally {
      await own.drop();
    }
  });
});
