/**
 * Test support for engine/exchange (imported only by *.test.ts and the benchmark): wire-shaped
 * fixtures, a throwaway RSA key, and a manual clock whose sleep advances time instead of waiting.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { ManualClock } from "../time/clock.ts";
import type { Sleep } from "./rate-limit.ts";

export function marketJson(ticker: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ticker,
    event_ticker: `${ticker.split("-")[0]}-EV`,
    market_type: "binary",
    title: `Title of ${ticker}`,
    subtitle: "",
    yes_sub_title: "Yes",
    no_sub_title: "No",
    created_time: "2026-01-01T00:00:00Z",
    updated_time: "2026-01-01T00:00:00Z",
    open_time: "2026-01-01T00:00:00Z",
    close_time: "2026-02-01T00:00:00Z",
    expected_expiration_time: "2026-02-01T01:00:00Z",
    latest_expiration_time: "2026-02-08T00:00:00Z",
    settlement_timer_seconds: 60,
    status: "active",
    yes_bid_dollars: "0.9500",
    yes_bid_size_fp: "100.00",
    yes_ask_dollars: "0.9600",
    yes_ask_size_fp: "50.00",
    no_bid_dollars: "0.0400",
    no_ask_dollars: "0.0500",
    last_price_dollars: "0.9500",
    volume_fp: "1234.00",
    volume_24h_fp: "100.00",
    result: "",
    can_close_early: false,
    open_interest_fp: "500.00",
    notional_value_dollars: "1.0000",
    previous_yes_bid_dollars: "0.9400",
    previous_yes_ask_dollars: "0.9500",
    previous_price_dollars: "0.9400",
    liquidity_dollars: "0.0000",
    expiration_value: "",
    rules_primary: "Rules.",
    rules_secondary: "",
    price_level_structure: "linear_cent",
    price_ranges: [{ start: "0.0000", end: "1.0000", step: "0.0100" }],
    ...overrides,
  };
}

export function orderJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: "ord-1",
    user_id: "user-1",
    client_order_id: "cid-1",
    ticker: "KXTEST-1",
    outcome_side: "yes",
    book_side: "bid",
    type: "limit",
    status: "executed",
    yes_price_dollars: "0.9600",
    no_price_dollars: "0.0400",
    fill_count_fp: "10.00",
    remaining_count_fp: "0.00",
    initial_count_fp: "10.00",
    taker_fill_cost_dollars: "9.600000",
    maker_fill_cost_dollars: "0.000000",
    taker_fees_dollars: "0.027000",
    maker_fees_dollars: "0.000000",
    created_time: "2026-01-05T00:00:00Z",
    last_update_time: "2026-01-05T00:00:00Z",
    expiration_time: null,
    ...overrides,
  };
}

let cachedKey: { privateKeyPem: string; publicKey: KeyObject } | null = null;

/** A 2048-bit RSA key made once per test process. */
export function testKey(): { privateKeyPem: string; publicKey: KeyObject } {
  if (!cachedKey) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    cachedKey = { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey };
  }
  return cachedKey;
}

/** A manual clock plus a sleep that advances it: rate limiting and backoff run without waiting. */
export function virtualTime(start = Date.parse("2026-01-05T00:00:00Z")): {
  clock: ManualClock;
  sleep: Sleep;
  slept: number[];
} {
  const clock = new ManualClock(start);
  const slept: number[] = [];
  const sleep: Sleep = async (ms) => {
    slept.push(ms);
    clock.advance(Math.max(0, ms));
  };
  return { clock, sleep, slept };
}
