/**
 * `check kalshi`: the seed's Kalshi test, step by step: the exchange answers, our key signs
 * (authenticated balance), the market listing works, and an order book can be read. Each step
 * reports ok / failed / skipped with a one-line detail and its latency, so an operator sees at
 * once which link is broken. Nothing is ordered.
 */

import { bestAsk, bestBid } from "../../exchange/book.ts";
import type { ExchangeClient } from "../../exchange/client.ts";
import type { Market } from "../../exchange/types.ts";
import { exactDollars } from "../../risk/format.ts";
import type { Clock } from "../../time/clock.ts";

export interface CheckStep {
  name: "exchange" | "auth" | "balance" | "markets" | "orderbook";
  status: "ok" | "failed" | "skipped";
  detail: string;
  latencyMs: number;
}

export interface KalshiCheck {
  ok: boolean;
  restUrl: string;
  steps: CheckStep[];
}

type KalshiClient = Pick<ExchangeClient, "getExchangeStatus" | "getBalance" | "marketPages" | "getOrderBook">;

const dollars = (micros: number) => `$${exactDollars(micros)}`;

export async function checkKalshi(
  client: KalshiClient,
  options: { clock: Clock; restUrl: string; authenticated: boolean; redact?: (text: string) => string },
): Promise<KalshiCheck> {
  const steps: CheckStep[] = [];
  const redact = options.redact ?? ((t: string) => t);
  const step = async (name: CheckStep["name"], fn: () => Promise<string>): Promise<boolean> => {
    const started = options.clock.now();
    try {
      const detail = await fn();
      steps.push({ name, status: "ok", detail, latencyMs: Math.round(options.clock.now() - started) });
      return true;
    } catch (error) {
      steps.push({
        name,
        status: "failed",
        detail: redact((error as Error).message),
        latencyMs: Math.round(options.clock.now() - started),
      });
      return false;
    }
  };
  const skip = (name: CheckStep["name"], detail: string) =>
    steps.push({ name, status: "skipped", detail, latencyMs: 0 });

  await step("exchange", async () => {
    const s = await client.getExchangeStatus();
    if (!s.exchangeActive) throw new Error("the exchange is closed");
    return s.tradingActive ? "reachable, trading active" : "reachable, trading paused by the exchange";
  });

  if (options.authenticated) {
    let balance: Awaited<ReturnType<KalshiClient["getBalance"]>> | null = null;
    const signed = await step("auth", async () => {
      balance = await client.getBalance();
      return "signed request accepted";
    });
    if (signed && balance) {
      const b: { balance: number; portfolioValue: number } = balance;
      await step("balance", async () => `cash ${dollars(b.balance)}, portfolio ${dollars(b.portfolioValue)}`);
    } else skip("balance", "needs authentication");
  } else {
    skip("auth", "no KALSHI_API_ID / private key configured (public market data only)");
    skip("balance", "needs authentication");
  }

  let sample: Market | null = null;
  await step("markets", async () => {
    const pages = client.marketPages({ status: "open", limit: 200 });
    const first = await pages.next();
    await pages.return(undefined);
    const markets = first.done ? [] : first.value.markets;
    if (markets.length === 0) throw new Error("no open markets listed");
    // The busiest market on the first page: the likeliest to have a book worth reading.
    sample = markets.reduce((a, b) => (b.volume > a.volume ? b : a));
    return `${markets.length} open markets on the first page`;
  });

  const ticker: string | null = sample ? (sample as Market).ticker : null;
  if (ticker) {
    await step("orderbook", async () => {
      const book = await client.getOrderBook(ticker);
      const bid = bestBid(book, "yes");
      const ask = bestAsk(book, "yes");
      const levels = book.yesBids.length + book.noBids.length;
      return `${ticker}: ${levels} levels, YES bid ${bid ? dollars(bid.price) : "none"} / ask ${ask ? dollars(ask.price) : "none"}`;
    });
  } else skip("orderbook", "no market to read");

  return { ok: steps.every((s) => s.status !== "failed"), restUrl: options.restUrl, steps };
}
