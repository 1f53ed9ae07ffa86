/**
 * Projection lag (events in the log the slowest projection has not applied yet), read from the
 * database at scrape time, and the events this process's projector applied.
 */
import { projectionLag } from "../control.ts";
import type { Database } from "../db/database.ts";
import type { MetricsRegistry } from "./registry.ts";

export function projectionMetrics(registry: MetricsRegistry, db: Database) {
  const lag = registry.gauge({
    name: "conviction_projection_lag_events",
    help: "Events not yet applied by the slowest projection (including those held back by an open transaction).",
  });
  const applied = registry.counter({
    name: "conviction_projection_events_applied_total",
    help: "Events read and applied by this process's projector.",
  });
  registry.onScrape(async () => lag.set({}, await projectionLag({ db })));
  return {
    lag,
    applied,
    /** For Projector's onBatch. */
    observeBatch(info: { events: number }): void {
      applied.inc({}, info.events);
    },
  };
}
