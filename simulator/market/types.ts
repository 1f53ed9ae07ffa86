/**
 * The exchange's static catalog (series → events → markets) plus each market's mutable trading
 * state. Times are ms since the epoch on the simulator clock; money is Micros, counts Centis.
 */

import type { FeeSchedule, FeeType } from "../../engine/money/fees.ts";
import type { Centis, Micros } from "../../engine/money/money.ts";
import type { OrderBook } from "../book/order-book.ts";
import type { PriceLevelStructure } from "./price-grid.ts";
import type { MakerParams, TapeParams } from "./quotes.ts";

export interface SeriesDef {
  index: number;
  ticker: string;
  title: string;
  category: string;
  frequency: string;
  tags: string[];
  feeType: FeeType;
  /** As Kalshi writes it (a JSON number, e.g. 1 or 0.5). */
  feeMultiplier: number;
  fees: FeeSchedule;
  createdTime: number;
  events: number[];
  markets: number[];
}

export interface EventDef {
  index: number;
  ticker: string;
  seriesIndex: number;
  title: string;
  subTitle: string;
  mutuallyExclusive: boolean;
  strikeDate: number;
  markets: number[];
}

export type MarketResult = "" | "yes" | "no";

/**
 * A scripted change to a market's fair value from `time` on. `pinned` holds the price there;
 * otherwise the market's random walk continues from the new level.
 */
export interface PriceOverride {
  time: number;
  step: number;
  logit: number;
  pinned: boolean;
}

/** A public trade that really happened on the simulated book (user-involved or live tape). */
export interface TradeRecord {
  id: string;
  ticker: string;
  /** YES price. */
  price: Micros;
  count: Centis;
  takerBookSide: "bid" | "ask";
  time: number;
  /** Who took liquidity: a real user, a maker re-quoting into a user's order, or the tape. */
  source: "user" | "maker" | "tape";
}

export interface MarketState {
  index: number;
  ticker: string;
  eventIndex: number;
  seriesIndex: number;
  /** 32-bit randomness key: every random quantity of this market is a pure function of it. */
  key: number;
  title: string;
  yesSubTitle: string;
  noSubTitle: string;
  rulesPrimary: string;
  strikeType: string;
  floorStrike: number;
  createdTime: number;
  openTime: number;
  closeTime: number;
  determinationTime: number;
  settlementTimerMs: number;
  latestExpirationTime: number;
  updatedTime: number;
  structure: PriceLevelStructure;
  /** Fair YES value in log-odds at catalog creation (step 0). */
  logit0: number;
  /** Log-odds standard deviation per one-minute step. */
  sigma: number;
  overrides: PriceOverride[];
  /** Decided outcome once determined (forced by a scenario or drawn from the win-rate table). */
  result: MarketResult;
  forcedResult: MarketResult;
  /** True once an early settlement moved close/determination times. */
  earlyClosed: boolean;
  // ---- trading state (materialised only for markets someone touched) ----
  book: OrderBook | null;
  /** Step whose maker quotes the book currently holds. */
  bookStep: number;
  /** Time up to which the live book's maker refreshes and tape trades have been applied. */
  processedUntil: number;
  /** Resting orders of real (API) users on the book. */
  userResting: number;
  /** Periods when the book held user orders; the pure tape is replaced by recorded trades there. */
  liveIntervals: [number, number][];
  recorded: TradeRecord[];
  /** Volume from trades outside the synthetic tape (user takers, maker refresh crossings). */
  extraVolume: Centis;
  /** Ledger-side flags so lifecycle work on user state happens once. */
  closedProcessed: boolean;
  settledProcessed: boolean;
  /** Memo of per-market constants derived from the key (see quotes.ts). */
  memo?: { maker: MakerParams; tape: TapeParams };
  /** Memo of the market's static JSON fields, keyed by the times they depend on. */
  staticJson?: { key: string; fields: Record<string, unknown> };
}
