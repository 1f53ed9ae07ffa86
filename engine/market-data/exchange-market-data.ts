import type { ExchangeClient } from "../exchange/client.ts";
import type { MarketData } from "../trading/deps.ts";
import type { FeeDirectory } from "./fee-directory.ts";

/**
 * The exchange reads trading needs, answered by the exchange client and the fee directory. The
 * engine and the simulator-backed backtest source both use it, so they ask the exchange the same way.
 */
export function exchangeMarketData(client: ExchangeClient, fees: FeeDirectory): MarketData {
  return {
    getOrderBook: (t) => client.getOrderBook(t),
    getOrderBooks: (t) => client.getOrderBooks(t),
    getMarket: (t) => client.getMarket(t),
    getBalance: () => client.getBalance(),
    getPositions: () => client.getPositions(),
    settlements: (f) => client.settlements(f),
    feesFor: (t) => fees.feesFor(t),
  };
}
