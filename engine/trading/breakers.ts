import { DAY_MS, evaluateBreakers, resumedAtOf } from "../risk/breakers.ts";
import type { TradingDeps } from "./deps.ts";
import { allTrades, stopLossesSince, tradingState } from "./read-model.ts";

/**
 * After every loss: has a circuit breaker tripped? MAX_LOSSES_IN_STREAK losses in a row pause
 * trading until resumed by hand; MAX_STOP_LOSSES_24H stop-losses pause it for 24 hours.
 */
export async function checkBreakers(deps: TradingDeps): Promise<number> {
  await deps.projector.catchUp();
  const now = deps.clock.now();
  const accountId = deps.config.accountId;
  const state = await tradingState(deps.db, accountId);
  const trips = evaluateBreakers(
    {
      trades: await allTrades(deps.db, accountId),
      stopLosses: await stopLossesSince(deps.db, accountId, new Date(now - DAY_MS).toISOString()),
      tradingState: state,
      resumedAt: resumedAtOf(state),
    },
    deps.config.trading,
    now,
  );
  for (const trip of trips) {
    await deps.store.append("trading-state", [{ type: "CircuitBreakerTripped", data: trip }]);
    deps.log.warn("circuit breaker tripped", { breaker: trip.breaker, detail: trip.detail });
  }
  if (trips.length) await deps.projector.catchUp();
  return trips.length;
}
