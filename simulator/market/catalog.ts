/**
 * The catalog: series, events and markets in creation order with lookup maps. Listings walk the
 * arrays from a cursor index and never copy the catalog, so 100,000 markets page quickly.
 */

import { type FeeType, parseFeeMultiplier } from "../../engine/money/fees.ts";
import type { Centis } from "../../engine/money/money.ts";
import { hash2, hashString } from "../core/hash.ts";
import type { PriceLevelStructure } from "./price-grid.ts";
import type { EventDef, MarketState, SeriesDef } from "./types.ts";

export interface NewSeries {
  ticker: string;
  title: string;
  category: string;
  frequency: string;
  tags: string[];
  feeType: FeeType;
  feeMultiplier: number;
  createdTime: number;
}

export interface NewEvent {
  ticker: string;
  seriesTicker: string;
  title: string;
  subTitle: string;
  mutuallyExclusive: boolean;
  strikeDate: number;
}

export interface NewMarket {
  ticker: string;
  eventTicker: string;
  title: string;
  yesSubTitle: string;
  noSubTitle: string;
  rulesPrimary: string;
  strikeType: string;
  floorStrike: number;
  createdTime: number;
  openTime: number;
  closeTime: number;
  determinationDelayMs: number;
  settlementTimerMs: number;
  structure: PriceLevelStructure;
  logit0: number;
  sigma: number;
}

export class Catalog {
  readonly series: SeriesDef[] = [];
  readonly events: EventDef[] = [];
  readonly markets: MarketState[] = [];
  readonly seriesByTicker = new Map<string, SeriesDef>();
  readonly eventByTicker = new Map<string, EventDef>();
  readonly marketByTicker = new Map<string, MarketState>();

  /** `t0` anchors step 0 of every market's price path (the catalog's creation time). */
  constructor(
    readonly seed: number,
    readonly t0: number,
  ) {}

  addSeries(s: NewSeries): SeriesDef {
    if (this.seriesByTicker.has(s.ticker)) throw new Error(`series ${s.ticker} already exists`);
    const def: SeriesDef = {
      index: this.series.length,
      ...s,
      fees: { feeType: s.feeType, multiplier: parseFeeMultiplier(s.feeMultiplier) },
      events: [],
      markets: [],
    };
    this.series.push(def);
    this.seriesByTicker.set(def.ticker, def);
    return def;
  }

  addEvent(e: NewEvent): EventDef {
    if (this.eventByTicker.has(e.ticker)) throw new Error(`event ${e.ticker} already exists`);
    const series = this.seriesByTicker.get(e.seriesTicker);
    if (!series) throw new Error(`event ${e.ticker}: unknown series ${e.seriesTicker}`);
    const def: EventDef = {
      index: this.events.length,
      ticker: e.ticker,
      seriesIndex: series.index,
      title: e.title,
      subTitle: e.subTitle,
      mutuallyExclusive: e.mutuallyExclusive,
      strikeDate: e.strikeDate,
      markets: [],
    };
    this.events.push(def);
    series.events.push(def.index);
    this.eventByTicker.set(def.ticker, def);
    return def;
  }

  addMarket(m: NewMarket): MarketState {
    if (this.marketByTicker.has(m.ticker)) throw new Error(`market ${m.ticker} already exists`);
    if (!/^[A-Z0-9-]+$/.test(m.ticker)) throw new Error(`market ticker ${m.ticker} must match ^[A-Z0-9-]+$`);
    const event = this.eventByTicker.get(m.eventTicker);
    if (!event) throw new Error(`market ${m.ticker}: unknown event ${m.eventTicker}`);
    if (!(m.openTime < m.closeTime))
      throw new Error(`market ${m.ticker}: open time must be before close time`);
    const series = this.series[event.seriesIndex];
    if (!series) throw new Error(`event ${event.ticker} has no series`);
    const determinationTime = m.closeTime + m.determinationDelayMs;
    const state: MarketState = {
      index: this.markets.length,
      ticker: m.ticker,
      eventIndex: event.index,
      seriesIndex: series.index,
      // Keyed by ticker, not position: the same ticker under the same seed behaves identically
      // whatever else is in the catalog.
      key: hash2(this.seed, hashString(m.ticker)),
      title: m.title,
      yesSubTitle: m.yesSubTitle,
      noSubTitle: m.noSubTitle,
      rulesPrimary: m.rulesPrimary,
      strikeType: m.strikeType,
      floorStrike: m.floorStrike,
      createdTime: m.createdTime,
      openTime: m.openTime,
      closeTime: m.closeTime,
      determinationTime,
      settlementTimerMs: m.settlementTimerMs,
      latestExpirationTime: m.closeTime + 7 * 86_400_000,
      updatedTime: m.createdTime,
      structure: m.structure,
      logit0: m.logit0,
      sigma: m.sigma,
      overrides: [],
      result: "",
      forcedResult: "",
      earlyClosed: false,
      book: null,
      bookStep: Number.NEGATIVE_INFINITY,
      processedUntil: Number.NEGATIVE_INFINITY,
      userResting: 0,
      liveIntervals: [],
      recorded: [],
      extraVolume: 0 as Centis,
      closedProcessed: false,
      settledProcessed: false,
    };
    this.markets.push(state);
    event.markets.push(state.index);
    series.markets.push(state.index);
    this.marketByTicker.set(state.ticker, state);
    return state;
  }

  eventOf(m: MarketState): EventDef {
    const e = this.events[m.eventIndex];
    if (!e) throw new Error(`market ${m.ticker} has no event`);
    return e;
  }

  seriesOf(m: MarketState): SeriesDef {
    const s = this.series[m.seriesIndex];
    if (!s) throw new Error(`market ${m.ticker} has no series`);
    return s;
  }
}
