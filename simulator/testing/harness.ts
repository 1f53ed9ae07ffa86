/**
 * Test harness: a simulator on a random port with a manual clock, and the official SDK's API
 * classes constructed once with a dedicated axios instance (the SDK adds a signing interceptor to
 * whatever axios it is given; on the shared default instance those would pile up).
 */
import { constants, createSign } from "node:crypto";
import axios from "axios";
import {
  AccountApi,
  Configuration,
  EventsApi,
  ExchangeApi,
  HistoricalApi,
  MarketApi,
  OrdersApi,
  PortfolioApi,
} from "kalshi-typescript";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../index.ts";

export const TEST_START = Date.UTC(2026, 0, 5, 12, 0, 0);

export async function startTestSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    quiet: true,
    markets: 300,
    seed: 11,
    clock: { mode: "manual", start: TEST_START },
    ...opts,
  });
}

export function sdkClients(sim: RunningSimulator) {
  const config = new Configuration({
    basePath: sim.baseUrl,
    apiKey: sim.apiKeyId,
    privateKeyPem: sim.privateKeyPem,
  });
  const http = axios.create();
  return {
    config,
    http,
    markets: new MarketApi(config, undefined, http),
    events: new EventsApi(config, undefined, http),
    exchange: new ExchangeApi(config, undefined, http),
    account: new AccountApi(config, undefined, http),
    historical: new HistoricalApi(config, undefined, http),
    orders: new OrdersApi(config, undefined, http),
    portfolio: new PortfolioApi(config, undefined, http),
  };
}

/** Kalshi's documented signing: base64 RSA-PSS-SHA256(timestamp + METHOD + path). */
export function sign(privateKeyPem: string, text: string): string {
  const s = createSign("RSA-SHA256");
  s.update(text);
  s.end();
  return s
    .sign({
      key: privateKeyPem,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    })
    .toString("base64");
}

export function authHeaders(
  sim: RunningSimulator,
  method: string,
  path: string,
  timestamp = Date.now(),
): Record<string, string> {
  return {
    "KALSHI-ACCESS-KEY": sim.apiKeyId,
    "KALSHI-ACCESS-TIMESTAMP": String(timestamp),
    "KALSHI-ACCESS-SIGNATURE": sign(sim.privateKeyPem, `${timestamp}${method}${path}`),
  };
}

/** A signed fetch against the REST API (path below /trade-api/v2, query allowed). */
export async function signedFetch(
  sim: RunningSimulator,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<Response> {
  const url = new URL(`${sim.baseUrl}${pathAndQuery}`);
  return fetch(url, {
    method,
    headers: {
      ...authHeaders(sim, method, url.pathname),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

export async function control(sim: RunningSimulator, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.controlUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** First open market priced 85–98¢ on one side (the strategy's habitat), by the exchange's model. */
export function favouriteTicker(
  sim: RunningSimulator,
  index = 0,
  closeWithin: [number, number] = [3_600_000, Number.POSITIVE_INFINITY],
): string {
  let seen = 0;
  for (const m of sim.exchange.catalog.markets) {
    const left = m.closeTime - sim.exchange.t;
    if (m.openTime > sim.exchange.t || left <= closeWithin[0] || left > closeWithin[1]) continue;
    const book = sim.exchange.bookOf(m);
    const ask = book?.asks[0]?.price ?? 0;
    const bid = book?.bids[0]?.price ?? 0;
    if (bid >= 850_000 && ask <= 980_000 && ask > 0 && seen++ === index) return m.ticker;
  }
  throw new Error("no favourite market in the catalog");
}
