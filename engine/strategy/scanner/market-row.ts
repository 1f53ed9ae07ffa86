import type { ContractRow } from "../../projections/contracts/projection.ts";

/**
 * What the scanner reads of a market: the columns of the `contracts` projection (the market
 * cache). Prices are Micros or null. end_date is the close time: ISO 8601 text as the projection
 * writes it, or a Date as database drivers return a timestamptz (both are accepted so the job
 * need not convert 100,000 rows before scanning).
 */
export type ScanMarketRow = Pick<
  ContractRow,
  | "market_id"
  | "question"
  | "category"
  | "series_ticker"
  | "status"
  | "resolved"
  | "yes_bid"
  | "yes_ask"
  | "no_bid"
  | "no_ask"
  | "rules"
> & { end_date: string | Date };
