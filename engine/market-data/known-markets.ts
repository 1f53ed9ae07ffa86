import type { Queryable } from "../db/database.ts";
import { fingerprint } from "./observation.ts";

export interface KnownMarket {
  fingerprint: string;
  observations: number;
  resolved: boolean;
}

/** The last observation of every market, from the `contracts` projection. */
export async function loadKnownMarkets(db: Queryable): Promise<Map<string, KnownMarket>> {
  const rows = await db.query<{
    market_id: string;
    yes_bid: number | null;
    yes_ask: number | null;
    no_bid: number | null;
    no_ask: number | null;
    yes_bid_size: number | null;
    yes_ask_size: number | null;
    current_odds: number | null;
    status: string;
    end_date: Date | string;
    result: string;
    observations: number;
    resolved: boolean;
  }>(
    `SELECT market_id, yes_bid, yes_ask, no_bid, no_ask, yes_bid_size, yes_ask_size, current_odds, status,
            end_date, result, observations, resolved FROM contracts`,
  );
  const known = new Map<string, KnownMarket>();
  for (const r of rows) {
    known.set(r.market_id, {
      fingerprint: fingerprint({
        yesBid: r.yes_bid,
        yesAsk: r.yes_ask,
        noBid: r.no_bid,
        noAsk: r.no_ask,
        yesBidSize: r.yes_bid_size,
        yesAskSize: r.yes_ask_size,
        lastPrice: r.current_odds,
        status: r.status,
        closeTime: new Date(r.end_date).toISOString(),
        result: r.result,
      }),
      observations: r.observations,
      resolved: r.resolved,
    });
  }
  return known;
}
