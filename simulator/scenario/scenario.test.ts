/** Scenario files: parsing with clear errors, and every fault type observable through the API. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import type { RunningSimulator } from "../index.ts";
import { authHeaders, control, signedFetch, startTestSimulator } from "../testing/harness.ts";
import { COUNT_FP, DOLLARS } from "../testing/sdk-model.ts";
import { loadScenarioFile, parseScenario, type Scenario, ScenarioError } from "./schema.ts";

const SCENARIO: Scenario = {
  name: "favourite collapse and a bad day at the exchange",
  markets: [
    { ticker: "SCN-FAV", yes_price: "0.95", close: "2d", daily_volatility: 0 },
    { ticker: "SCN-EARLY", yes_price: "0.90", close: "3d", daily_volatility: 0 },
  ],
  steps: [
    { at: "10m", action: "set_price", ticker: "SCN-FAV", yes_price: "0.70" },
    { at: "20m", action: "settle", ticker: "SCN-EARLY", result: "no", finalize_after: "5m" },
    { at: "30m", action: "pause_exchange" },
    { at: "40m", action: "resume_exchange" },
    { at: "50m", action: "server_errors", path: "/portfolio/balance", count: 2, status: 503 },
    {
      at: "50m",
      action: "malformed_response",
      path: "/markets/SCN-FAV",
      kind: "broken_fixed_point",
      field: "yes_bid_dollars",
    },
    { at: "50m", action: "malformed_response", path: "/exchange/status", kind: "invalid_json" },
    { at: "60m", action: "rate_limit_storm", duration_seconds: 0.4 },
    { at: "70m", action: "drop_websockets" },
  ],
};

describe("parsing", () => {
  test("a scenario file parses (durations, prices, selectors)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    const file = join(dir, "s.json");
    writeFileSync(
      file,
      JSON.stringify({
        ...SCENARIO,
        steps: [
          ...SCENARIO.steps,
          { at: 90_000, action: "set_price", ticker: "@favourite:0", yes_price: 0.5, pinned: true },
        ],
      }),
    );
    const s = await loadScenarioFile(file);
    expect(s.steps[0]?.at).toBe(600_000);
    expect(s.markets?.[0]?.yes_price).toBe(950_000);
    expect(s.steps.at(-1)?.at).toBe(90_000);
  });

  test("invalid scenarios fail with errors that say where and why", async () => {
    const bad = (input: unknown) => {
      try {
        parseScenario(input, "test.json");
        return "";
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as Error).message;
      }
    };
    expect(bad({ steps: [{ at: "10 minutes", action: "pause_exchange" }] })).toContain("duration");
    expect(bad({ steps: [{ at: "1m", action: "explode" }] })).toContain("action");
    expect(bad({ steps: [{ at: "1m", action: "set_price", ticker: "X", yes_price: "1.20" }] })).toContain(
      "price",
    );
    expect(bad({ steps: [{ at: "1m", action: "server_errors", path: "/x", count: 0 }] })).toContain("count");
    expect(bad({ markets: [{ ticker: "lower-case", yes_price: "0.5", close: "1d" }], steps: [] })).toContain(
      "ticker",
    );
    expect(bad({})).toContain("steps");
    expect(bad({ steps: [] })).toBe("");
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    await expect(loadScenarioFile(join(dir, "broken.json"))).rejects.toThrow("not valid JSON");
  });
});

describe("every fault is observable", () => {
  let sim: RunningSimulator;
  const minutes = async (n: number) => {
    const r = await control(sim, "/advance", { duration: `${n}m` });
    expect(r.status).toBe(200);
  };

  beforeAll(async () => {
    sim = await startTestSimulator({ scenario: SCENARIO, tier: "prime", markets: 100 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  test("a favourite collapses below a price", async () => {
    const before = (await (await fetch(`${sim.baseUrl}/markets/SCN-FAV`)).json()) as {
      market: { yes_bid_dollars: string };
    };
    expect(Number(before.market.yes_bid_dollars)).toBeGreaterThanOrEqual(0.9);
    await minutes(10);
    const after = (await (await fetch(`${sim.baseUrl}/markets/SCN-FAV`)).json()) as {
      market: { yes_bid_dollars: string; yes_ask_dollars: string };
    };
    expect(Number(after.market.yes_bid_dollars)).toBeLessThan(0.71);
    expect(Number(after.market.yes_ask_dollars)).toBeGreaterThan(0.69);
  });

  test("early settlement with a given result", async () => {
    await minutes(10);
    const m = (await (await fetch(`${sim.baseUrl}/markets/SCN-EARLY`)).json()) as {
      market: { status: string; result: string };
    };
    expect(m.market.status).toBe("determined");
    expect(m.market.result).toBe("no");
    await minutes(6);
    const later = (await (await fetch(`${sim.baseUrl}/markets/SCN-EARLY`)).json()) as {
      market: { status: string; settlement_ts?: string };
    };
    expect(later.market.status).toBe("finalized");
    expect(later.market.settlement_ts).toBeDefined();
  });

  test("exchange paused, then resumed", async () => {
    await minutes(4);
    const status = async () =>
      ((await (await fetch(`${sim.baseUrl}/exchange/status`)).json()) as { trading_active: boolean })
        .trading_active;
    expect(await status()).toBe(false);
    const order = await signedFetch(sim, "POST", "/portfolio/events/orders", {
      ticker: "SCN-FAV",
      side: "bid",
      count: "1",
      price: "0.50",
      time_in_force: "good_till_canceled",
      self_trade_prevention_type: "taker_at_cross",
    });
    expect(order.status).toBe(400);
    expect(((await order.json()) as { error: { code: string } }).error.code).toBe("trading_is_paused");
    await minutes(10);
    expect(await status()).toBe(true);
  });

  test("5xx on a path for N requests, malformed fixed-point field, invalid JSON", async () => {
    await minutes(10);
    const balance = () => signedFetch(sim, "GET", "/portfolio/balance");
    expect((await balance()).status).toBe(503);
    expect((await balance()).status).toBe(503);
    expect((await balance()).status).toBe(200);
    const broken = (await (await fetch(`${sim.baseUrl}/markets/SCN-FAV`)).json()) as {
      market: Record<string, string>;
    };
    expect(DOLLARS.test(broken.market.yes_bid_dollars ?? "")).toBe(false);
    expect(DOLLARS.test(broken.market.yes_ask_dollars ?? "")).toBe(true);
    const healed = (await (await fetch(`${sim.baseUrl}/markets/SCN-FAV`)).json()) as {
      market: Record<string, string>;
    };
    expect(DOLLARS.test(healed.market.yes_bid_dollars ?? "")).toBe(true);
    expect(COUNT_FP.test(healed.market.volume_fp ?? "")).toBe(true);
    const text = await (await fetch(`${sim.baseUrl}/exchange/status`)).text();
    expect(() => JSON.parse(text)).toThrow();
    const next = await (await fetch(`${sim.baseUrl}/exchange/status`)).text();
    expect(() => JSON.parse(next)).not.toThrow();
  });

  test("a 429 storm for N (real) seconds: Kalshi's body, no Retry-After", async () => {
    await minutes(10);
    const r = await fetch(`${sim.baseUrl}/markets?limit=1`);
    expect(r.status).toBe(429);
    expect(await r.json()).toEqual({ error: "too many requests" });
    expect(r.headers.get("retry-after")).toBeNull();
    await Bun.sleep(450);
    expect((await fetch(`${sim.baseUrl}/markets?limit=1`)).status).toBe(200);
  });

  test("all WebSocket connections dropped", async () => {
    const ws = new WebSocket(sim.wsUrl, { headers: authHeaders(sim, "GET", "/trade-api/ws/v2") });
    await new Promise<void>((resolve) => ws.on("open", () => resolve()));
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    await minutes(10);
    expect(await closed).not.toBe(1000);
  });

  test("control endpoints: status, ledger, faults on demand", async () => {
    const status = (await (await control(sim, "/status")).json()) as { clock: { mode: string }; now: number };
    expect(status.clock.mode).toBe("manual");
    const ledger = (await (await control(sim, "/ledger")).json()) as {
      reconciliation: { balanced: boolean };
      units: unknown;
    };
    expect(ledger.reconciliation.balanced).toBe(true);
    expect(
      (await control(sim, "/faults", { action: "server_errors", path: "/markets*", count: 1 })).status,
    ).toBe(200);
    expect((await fetch(`${sim.baseUrl}/markets/SCN-FAV`)).status).toBe(500);
    expect((await fetch(`${sim.baseUrl}/markets/SCN-FAV`)).status).toBe(200);
    const invalid = await control(sim, "/faults", { action: "server_errors", path: "/x" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toContain("count");
    expect(
      (await control(sim, "/price", { ticker: "SCN-FAV", yes_price: "0.97", pinned: true })).status,
    ).toBe(200);
    const m = (await (await fetch(`${sim.baseUrl}/markets/SCN-FAV`)).json()) as {
      market: { yes_bid_dollars: string };
    };
    expect(Number(m.market.yes_bid_dollars)).toBeGreaterThan(0.9);
  });
});
