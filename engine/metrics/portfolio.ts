/**
 * Open exposure and P&L, read from the projections at scrape time with the dashboard's own
 * arithmetic (computeOverview), so /metrics and the Overview page never disagree. Money in exact
 * dollars. Cached by read-model version: a scrape between events costs one tiny query.
 */
import { computeOverview } from "../api/overview.ts";
import { ReadCache, readModelVersion } from "../api/read-cache.ts";
import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import type { Clock } from "../time/clock.ts";
import type { MetricsRegistry } from "./registry.ts";

export function portfolioMetrics(
  registry: MetricsRegistry,
  deps: { db: Database; config: Config; clock: Clock },
) {
  const money = (name: string, help: string) => registry.gauge({ name, help, micros: true });
  const openPositions = registry.gauge({
    name: "conviction_open_positions",
    help: "Positions currently open.",
  });
  const exposure = money(
    "conviction_open_exposure_dollars",
    "What the open positions cost to enter, fees included: the money at risk.",
  );
  const openValue = money(
    "conviction_open_value_dollars",
    "The open positions marked at their own side's bid after the exit fee (unpriced ones at zero).",
  );
  const realized = money("conviction_realized_pnl_dollars", "Realized P&L after every fee, all time.");
  const unrealized = money("conviction_unrealized_pnl_dollars", "Unrealized P&L of the open positions.");
  const cache = new ReadCache(4);

  registry.onScrape(async () => {
    const view = await computeOverview(
      { ...deps, readCache: cache, readVersion: () => readModelVersion(deps.db) },
      1,
    );
    openPositions.set({}, view.openPositionCount);
    exposure.set({}, view.openCost);
    openValue.set({}, view.openValue);
    realized.set({}, view.realizedPnl);
    unrealized.set({}, view.unrealizedPnl);
  });
  return { openPositions, exposure, openValue, realized, unrealized };
}
