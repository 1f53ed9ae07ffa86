/** Events this process appended to the log (idempotent re-appends of a stored id do not count). */
import type { MetricsRegistry } from "./registry.ts";

export function eventMetrics(registry: MetricsRegistry) {
  const appended = registry.counter({
    name: "conviction_events_appended_total",
    help: "Events appended to the event log by this process.",
  });
  return {
    appended,
    observe(count: number): void {
      if (count > 0) appended.inc({}, count);
    },
  };
}
