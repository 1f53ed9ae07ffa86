/**
 * Every metric the engine exposes on /metrics, in one registry. Each concern lives in its own file
 * and is wired at its seam by the composition root (engine/app.ts): the scheduler's jobs, the
 * event store's appends, the projector, the exchange transport, the selector, and the read model.
 */
import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import type { Clock } from "../time/clock.ts";
import { aiMetrics } from "./ai.ts";
import { eventMetrics } from "./events.ts";
import { exchangeMetrics } from "./exchange.ts";
import { EXPOSITION_CONTENT_TYPE, renderExposition } from "./exposition.ts";
import { jobMetrics } from "./jobs.ts";
import { portfolioMetrics } from "./portfolio.ts";
import { projectionMetrics } from "./projections.ts";
import { MetricsRegistry } from "./registry.ts";

export interface MetricsSource {
  /** The exposition text, collectors run first. */
  render(): Promise<string>;
  readonly contentType: string;
}

export function createEngineMetrics(deps: {
  db: Database;
  config: Config;
  clock: Clock;
  isLeader: () => boolean;
  onCollectError?: (error: unknown) => void;
}) {
  const registry = new MetricsRegistry();
  const leader = registry.gauge({
    name: "conviction_leader",
    help: "1 while this engine holds its account's leader lock and runs the jobs, else 0.",
    labelNames: ["account"],
  });
  registry.onScrape(() => leader.set({ account: deps.config.accountId }, deps.isLeader() ? 1 : 0));
  return {
    registry,
    jobs: jobMetrics(registry),
    events: eventMetrics(registry),
    projections: projectionMetrics(registry, deps.db),
    exchange: exchangeMetrics(registry),
    ai: aiMetrics(registry),
    portfolio: portfolioMetrics(registry, deps),
    contentType: EXPOSITION_CONTENT_TYPE,
    async render(): Promise<string> {
      return renderExposition(await registry.collect(deps.onCollectError));
    },
  } satisfies MetricsSource & Record<string, unknown>;
}

export type EngineMetrics = ReturnType<typeof createEngineMetrics>;
