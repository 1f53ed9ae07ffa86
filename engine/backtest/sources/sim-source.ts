/**
 * Source (c): the simulator's generator with a seed. The simulator runs in this process on a
 * manual clock that the backtest moves, and the engine reads it exactly as it reads Kalshi:
 * through the official SDK (ExchangeClient) over loopback HTTP. Same seed, same start, same
 * catalog size: the same markets, books and outcomes, so the same backtest.
 *
 * It has no real-time ticker stream: stops come from the scheduled stop-loss job, as for an
 * engine whose feed is down.
 */
import { startSimulator } from "../../../simulator/index.ts";
import type { Database } from "../../db/database.ts";
import { ExchangeClient } from "../../exchange/client.ts";
import { CachedEventDirectory } from "../../market-data/event-directory.ts";
import { exchangeMarketData } from "../../market-data/exchange-market-data.ts";
import { FeeDirectory } from "../../market-data/fee-directory.ts";
import type { MarketData } from "../../trading/deps.ts";
import type { AdvanceResult, MarketSource } from "./types.ts";

export interface SimSourceOptions {
  seed: number;
  /** Catalog size (the simulator's default is 2,000). */
  markets?: number;
  /** The simulator's clock starts here: the backtest's `from`. */
  start: number;
  /** The scratch database, for the fee directory's cache. */
  db: Database;
}

export async function simSource(options: SimSourceOptions): Promise<MarketSource> {
  const sim = await startSimulator({
    port: 0,
    seed: options.seed,
    markets: options.markets ?? 2000,
    quiet: true,
    tier: "prime",
    clock: { mode: "manual", start: options.start },
  });
  const client = new ExchangeClient({
    restUrl: sim.baseUrl,
    tier: "prime",
    apiKeyId: sim.apiKeyId,
    privateKeyPem: sim.privateKeyPem,
  });
  const fees = new FeeDirectory(options.db, client);
  const market: MarketData = exchangeMarketData(client, fees);
  return {
    name: `sim:${options.seed}`,
    market,
    books: { getOrderBook: (t) => client.getOrderBook(t), feesFor: (t) => fees.feesFor(t) },
    catalog: {
      marketPages: (f) => client.marketPages(f),
      marketsByTicker: (t) => client.allMarkets({ tickers: t }),
    },
    directory: new CachedEventDirectory(client),
    async advanceTo(t: number): Promise<AdvanceResult> {
      const now = sim.clock.now();
      if (t > now) sim.exchange.advance(t - now);
      return { events: 0, stoppedAt: null };
    },
    close: () => sim.stop(),
  };
}
