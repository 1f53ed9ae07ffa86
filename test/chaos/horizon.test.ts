/**
 * A long-open transaction holds back the snapshot horizon: events committed after it took its id
 * are not readable in commit-safe order until it ends (docs/decisions/002). That must show up as
 * projection lag in health (EngineControl.health() reports projectionLag()) and in the metrics
 * (conviction_projection_lag_events), not as a silent stall. PostgreSQL only: PGlite has a single
 * connection, so nothing can hold a transaction open beside the projector.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { projectionLag } from "../../engine/control.ts";
import { renderExposition } from "../../engine/metrics/exposition.ts";
import { parseExposition } from "../../engine/metrics/parse.ts";
import { projectionMetrics } from "../../engine/metrics/projections.ts";
import { MetricsRegistry } from "../../engine/metrics/registry.ts";
import { allProjections } from "../../engine/projections/index.ts";
import { Projector } from "../../engine/projections/projector.ts";
import { ManualClock } from "../../engine/time/clock.ts";
import { seededIds } from "../../engine/time/random.ts";
import { EventStore } from "../../events/event-store.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../db.ts";
import { CHAOS_ENABLED, recordFigures } from "./figures.ts";

describe.skipIf(!onPostgres || !CHAOS_ENABLED)("a transaction holding the snapshot horizon", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ postgres: { max: 6 } });
  });
  afterAll(() => t?.drop());

  test("surfaces as projection lag in health and metrics, and clears when it ends", async () => {
    const store = new EventStore(t.db, {
      clock: new ManualClock(Date.parse("2026-11-24T08:00:00Z")),
      ids: seededIds(8),
      accountId: "default",
      actor: "system",
    });
    const projector = new Projector(t.db, allProjections);
    await projector.catchUp();
    const registry = new MetricsRegistry();
    projectionMetrics(registry, t.db);
    const metricLag = async () =>
      parseExposition(renderExposition(await registry.collect())).value("conviction_projection_lag_events");

    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let holding!: () => void;
    const held = new Promise<void>((r) => {
      holding = r;
    });
    // A slow writer elsewhere: it takes a transaction id and sits on it.
    const slow = t.db.transaction(async (tx) => {
      await tx.query("SELECT pg_current_xact_id()");
      holding();
      await gate;
    });
    await held;
    for (let i = 0; i < 3; i++)
      await store.append(`error-chaos-${i}`, [
        {
          type: "ErrorRecorded",
          data: {
            errorId: `00000000-0000-4000-8000-00000000000${i}`,
            source: "chaos",
            message: "m",
            stack: null,
            context: {},
          },
        },
      ]);

    // The projector cannot see past the horizon: it returns (no stall) having applied nothing…
    await projector.catchUp();
    // …and the lag says so, in health and in the metrics.
    const lagWhileHeld = await projectionLag({ db: t.db });
    const metricWhileHeld = await metricLag();
    expect(lagWhileHeld).toBe(3);
    expect(metricWhileHeld).toBe(3);

    release();
    await slow;
    await projector.catchUp();
    expect(await projectionLag({ db: t.db })).toBe(0);
    expect(await metricLag()).toBe(0);
    recordFigures("horizon", { lagWhileHeld, metricWhileHeld, lagAfter: 0 });
  });
});
