import { defineProjection } from "../projection.ts";

export interface ContractRow extends Record<string, unknown> {
  market_id: string;
  event_ticker: string;
  series_ticker: string;
  question: string;
  subtitle: string;
  category: string;
  status: string;
  resolved: boolean;
  result: string;
  end_date: string;
  yes_bid: number | null;
  yes_ask: number | null;
  no_bid: number | null;
  no_ask: number | null;
  yes_bid_size: number | null;
  yes_ask_size: number | null;
  current_odds: number | null;
  volume: number;
  open_interest: number;
  rules: string;
  can_close_early: boolean;
  observations: number;
  discovered_at: string;
  observed_at: string;
}

/** Kalshi statuses after which a market can no longer be traded. */
const FINISHED = new Set(["closed", "determined", "disputed", "amended", "finalized", "settled"]);

/** The market cache: the latest observation of every market, plus when we first saw it. */
export const contractsProjection = defineProjection<ContractRow>({
  name: "contracts",
  version: 1,
  table: "contracts",
  primaryKey: ["market_id"],
  handles: ["MarketObserved"],
  keyOf: (e) => (e.type === "MarketObserved" ? [e.data.ticker] : null),
  evolve(row, event) {
    switch (event.type) {
      case "MarketObserved": {
        const m = event.data;
        return {
          market_id: m.ticker,
          event_ticker: m.eventTicker,
          series_ticker: m.seriesTicker,
          question: m.title,
          subtitle: m.subtitle,
          category: m.category,
          status: m.status,
          resolved: FINISHED.has(m.status) || m.result !== "",
          result: m.result,
          end_date: m.closeTime,
          yes_bid: m.yesBid,
          yes_ask: m.yesAsk,
          no_bid: m.noBid,
          no_ask: m.noAsk,
          yes_bid_size: m.yesBidSize,
          yes_ask_size: m.yesAskSize,
          current_odds: m.lastPrice,
          volume: m.volume,
          open_interest: m.openInterest,
          rules: m.rules,
          can_close_early: m.canCloseEarly,
          observations: (row?.observations ?? 0) + 1,
          discovered_at: row?.discovered_at ?? event.metadata.occurredAt,
          observed_at: event.metadata.occurredAt,
        };
      }
      default:
        return row;
    }
  },
});
