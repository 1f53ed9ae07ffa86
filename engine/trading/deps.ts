import type { EventStore } from "../../events/event-store.ts";
import type { Selector } from "../analyst/types.ts";
import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import type { Balance, Market, OrderBook, Position, Settlement } from "../exchange/types.ts";
import type { Broker } from "../execution/broker.ts";
import type { Logger } from "../log.ts";
import type { MarketCache } from "../market-data/market-cache.ts";
import type { FeeSchedule } from "../money/fees.ts";
import type { Projector } from "../projections/projector.ts";
import type { Clock } from "../time/clock.ts";
import type { IdGenerator } from "../time/random.ts";

/** The exchange reads trading needs (ExchangeClient provides them, for live and paper alike). */
export interface MarketData {
  getOrderBook(ticker: string): Promise<OrderBook>;
  getOrderBooks(tickers: readonly string[]): Promise<Map<string, OrderBook>>;
  getMarket(ticker: string): Promise<Market>;
  getBalance(): Promise<Balance>;
  getPositions(): Promise<Position[]>;
  settlements(filter: { ticker?: string }): Promise<Settlement[]>;
  feesFor?(ticker: string): Promise<FeeSchedule>;
}

/**
 * Everything a trading step needs, passed in: live, paper and backtest differ only in the clock,
 * the market data and the broker. Nothing here reads the wall clock or a global.
 */
export interface TradingDeps {
  config: Config;
  db: Database;
  store: EventStore;
  projector: Projector;
  clock: Clock;
  ids: IdGenerator;
  market: MarketData;
  broker: Broker;
  selector: Selector;
  log: Logger;
  /** Secret values to scrub from anything recorded. */
  secrets: readonly string[];
  /** What the scanner reads markets from; default the `contracts` projection (a backtest may keep it in memory). */
  marketCache?: MarketCache;
}
