/**
 * Applies scenario actions to the exchange, now (control API) or at simulated offsets (scenario
 * steps, queued on the exchange's job queue so they interleave exactly with market lifecycle).
 */
import type { Micros } from "../../engine/money/money.ts";
import { DAY, MINUTE } from "../core/durations.ts";
import type { Exchange } from "../exchange/exchange.ts";
import type { NewEvent, NewMarket, NewSeries } from "../market/catalog.ts";
import { fairPrice, logit } from "../market/fair-value.ts";
import { sigmaFromDaily } from "../market/generate.ts";
import { statusAt } from "../market/lifecycle.ts";
import { dateCode } from "../market/templates.ts";
import { type Action, type ParsedScenario, ScenarioError } from "./schema.ts";

/** Resolves "@favourite:N" / "@active:N" selectors (catalog order, at the time of resolution). */
export function resolveTicker(ex: Exchange, ref: string): string {
  const m = /^@(favourite|favorite|active):(\d+)$/.exec(ref);
  if (!m) {
    if (!ex.catalog.marketByTicker.has(ref)) throw new ScenarioError(`unknown market ticker ${ref}`);
    return ref;
  }
  const wanted = Number(m[2]);
  const favourites = m[1] !== "active";
  let seen = 0;
  for (const market of ex.catalog.markets) {
    if (statusAt(market, ex.t) !== "active") continue;
    if (favourites) {
      if (market.closeTime > ex.t + 3 * DAY) continue;
      const p = fairPrice(market, ex.t0, ex.t);
      const fav = (p >= 850_000 && p <= 980_000) || (p >= 20_000 && p <= 150_000);
      if (!fav) continue;
    }
    if (seen++ === wanted) return market.ticker;
  }
  throw new ScenarioError(`selector ${ref} matches no market`);
}

export function applyAction(ex: Exchange, action: Action): void {
  switch (action.action) {
    case "set_price":
      ex.setPrice(resolveTicker(ex, action.ticker), action.yes_price as Micros, action.pinned ?? false);
      return;
    case "settle":
      ex.settle(resolveTicker(ex, action.ticker), action.result, action.finalize_after);
      return;
    case "pause_exchange":
      ex.setTradingActive(false);
      return;
    case "resume_exchange":
      ex.setTradingActive(true);
      return;
    case "rate_limit_storm":
      ex.faults.storm(action.duration_seconds);
      return;
    case "server_errors":
      ex.faults.serverErrors.push({
        path: action.path,
        method: action.method,
        remaining: action.count,
        status: action.status ?? 500,
      });
      return;
    case "drop_websockets":
      ex.dropConnections();
      return;
    case "silence_websockets":
      ex.silenceConnections();
      return;
    case "sequence_gap":
      ex.loseMessages(
        action.channel ?? "orderbook_delta",
        action.ticker === undefined ? null : resolveTicker(ex, action.ticker),
        action.count ?? 1,
      );
      return;
    case "malformed_response":
      ex.faults.malformed.push({
        path: action.path,
        method: action.method,
        remaining: action.count ?? 1,
        kind: action.kind,
        field: action.field,
      });
      return;
  }
}

/** Adds the scenario's markets and queues its steps relative to `start` (default: now). */
export function loadScenario(ex: Exchange, scenario: ParsedScenario, start = ex.t): void {
  const series: NewSeries[] = [];
  const events: NewEvent[] = [];
  const markets: NewMarket[] = [];
  for (const def of scenario.markets ?? []) {
    const parts = def.ticker.split("-");
    const eventTicker = def.event_ticker ?? (parts.length > 1 ? parts.slice(0, -1).join("-") : def.ticker);
    const seriesTicker = def.series_ticker ?? eventTicker.split("-")[0] ?? eventTicker;
    const openTime = start + (def.open ?? -DAY);
    const closeTime = start + def.close;
    if (!(closeTime > openTime)) throw new ScenarioError(`market ${def.ticker}: close must be after open`);
    if (!ex.catalog.seriesByTicker.has(seriesTicker) && !series.some((s) => s.ticker === seriesTicker)) {
      series.push({
        ticker: seriesTicker,
        title: `${seriesTicker} (scenario)`,
        category: def.category ?? "Scenario",
        frequency: "custom",
        tags: ["Scenario"],
        feeType: def.fee_type ?? "quadratic",
        feeMultiplier: def.fee_multiplier ?? 1,
        createdTime: openTime - DAY,
      });
    }
    if (!ex.catalog.eventByTicker.has(eventTicker) && !events.some((e) => e.ticker === eventTicker)) {
      events.push({
        ticker: eventTicker,
        seriesTicker,
        title: def.title ?? `${def.ticker} (scenario)`,
        subTitle: `Closes ${dateCode(closeTime)}`,
        mutuallyExclusive: false,
        strikeDate: closeTime,
      });
    }
    markets.push({
      ticker: def.ticker,
      eventTicker,
      title: def.title ?? `Scenario market ${def.ticker}`,
      yesSubTitle: "Yes",
      noSubTitle: "No",
      rulesPrimary: `Scenario market ${def.ticker} resolves as the scenario or the win-rate table decides.`,
      strikeType: "custom",
      floorStrike: 0,
      createdTime: openTime - MINUTE,
      openTime,
      closeTime,
      determinationDelayMs: def.determination_delay ?? 5 * MINUTE,
      settlementTimerMs: def.settlement_timer ?? 5 * MINUTE,
      structure: def.price_level_structure ?? "linear_cent",
      // Anchored so the fair value at `start` is the requested price.
      logit0: logit(def.yes_price / 1_000_000),
      sigma: sigmaFromDaily(def.daily_volatility ?? 0.15),
    });
  }
  if (markets.length > 0) {
    const added = ex.addDefinitions({ series, events, markets });
    // The path is anchored at t0; pin the requested price at `start` so it holds exactly then.
    for (const m of added) {
      const def = scenario.markets?.find((d) => d.ticker === m.ticker);
      if (def && start !== ex.t0) ex.setPrice(m.ticker, def.yes_price as Micros, def.daily_volatility === 0);
      else if (def && def.daily_volatility === 0) ex.setPrice(m.ticker, def.yes_price as Micros, true);
    }
  }
  for (const step of scenario.steps) {
    const { at, ...action } = step;
    ex.jobs.push(start + at, () => applyAction(ex, action as Action));
  }
}
