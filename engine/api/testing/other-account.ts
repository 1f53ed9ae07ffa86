import { EventStore, type PendingEvent } from "../../../events/event-store.ts";
import type { ApiFixture } from "./fixture.ts";
import { projectEverything } from "./seed.ts";

/**
 * A second engine's account in the fixture's database, for tests of the account filter: one live
 * trade, filled and open, written through its own EventStore (so every event carries its account)
 * and projected like the rest.
 */
export const OTHER = "acct-other";
export const OTHER_TRADE = "00000000-0000-4000-8000-00000000c001";
export const OTHER_TICKER = "KXOTHER-26NOV25-T1";

export async function seedOtherAccount(f: ApiFixture): Promise<EventStore> {
  let n = 0xc100;
  const otherStore = new EventStore(f.t.db, {
    clock: f.history.clock,
    ids: { next: () => `00000000-0000-4000-8000-${(n++).toString(16).padStart(12, "0")}` },
    accountId: OTHER,
    actor: "engine",
  });
  const events: PendingEvent[] = [
    {
      type: "TradeProposed",
      id: OTHER_TRADE,
      data: {
        tradeId: OTHER_TRADE,
        analysisId: null,
        scanId: null,
        ticker: OTHER_TICKER,
        title: "Another strategy's pick",
        category: "Weather",
        seriesTicker: "KXOTHER",
        side: "yes",
        allocation: 30_000_000,
        limitPrice: 900_000,
        closeTime: "2026-11-26T00:00:00.000Z",
        confidence: 0.9,
        reasoning: "the other account's own reasoning",
        riskFactors: [],
        riskChecks: null,
      } as never,
    },
    {
      type: "OrderPlaced",
      data: {
        tradeId: OTHER_TRADE,
        clientOrderId: `entry-${OTHER_TRADE}`,
        orderId: `o-entry-${OTHER_TRADE}`,
        ticker: OTHER_TICKER,
        side: "yes",
        action: "buy",
        purpose: "entry",
        count: 3000,
        limitPrice: 900_000,
        timeInForce: "immediate_or_cancel",
        mode: "live",
      },
    },
    {
      type: "OrderFilled",
      data: {
        tradeId: OTHER_TRADE,
        orderId: `o-entry-${OTHER_TRADE}`,
        fillId: "f-other-1",
        ticker: OTHER_TICKER,
        side: "yes",
        action: "buy",
        purpose: "entry",
        count: 3000,
        price: 900_000,
        fee: 10_000,
        isTaker: true,
        filledAt: "2026-11-22T09:00:00.000Z",
      },
    },
  ];
  await otherStore.append(`trade-${OTHER_TRADE}`, events);
  // Every event, even on a busy shared server (see projectEverything).
  await projectEverything(f.t.db, f.history.projector);
  return otherStore;
}
