import type { ContractRow } from "../../../projections/contracts/projection.ts";
import { formatContracts } from "../../money.ts";

export const Market = {
  ticker: (m: ContractRow) => m.market_id,
  eventTicker: (m: ContractRow) => m.event_ticker,
  seriesTicker: (m: ContractRow) => m.series_ticker,
  closeTime: (m: ContractRow) => m.end_date,
  yesBid: (m: ContractRow) => m.yes_bid,
  yesAsk: (m: ContractRow) => m.yes_ask,
  noBid: (m: ContractRow) => m.no_bid,
  noAsk: (m: ContractRow) => m.no_ask,
  lastPrice: (m: ContractRow) => m.current_odds,
  volume: (m: ContractRow) => formatContracts(m.volume),
  openInterest: (m: ContractRow) => formatContracts(m.open_interest),
  canCloseEarly: (m: ContractRow) => m.can_close_early,
  observedAt: (m: ContractRow) => m.observed_at,
};
