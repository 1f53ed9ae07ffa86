/** Rate limits: token buckets per tier, refilled from the real (here: injected) wall clock. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ManualClock } from "../../engine/time/clock.ts";
import type { RunningSimulator } from "../index.ts";
import { favouriteTicker, signedFetch, startTestSimulator } from "../testing/harness.ts";
import { costOf } from "./costs.ts";
import { TokenBucket } from "./limiter.ts";
import { tierLimits } from "./tiers.ts";

describe("buckets and tiers", () => {
  test("Basic: 200 read / 100 write tokens a second; reads hold 1 s, writes 2 s of budget", () => {
    expect(tierLimits("basic")).toEqual({
      read: { refillRate: 200, capacity: 200 },
      write: { refillRate: 100, capacity: 200 },
    });
    expect(tierLimits("advanced").read.refillRate).toBe(300);
    expect(tierLimits("premier").write.refillRate).toBe(1000);
    expect(tierLimits("paragon").read.refillRate).toBe(2000);
    expect(tierLimits("prime").write.capacity).toBe(8000);
  });

  test("a bucket refills continuously and never above capacity", () => {
    const b = new TokenBucket({ refillRate: 200, capacity: 200 }, 0);
    for (let i = 0; i < 20; i++) expect(b.tryTake(10, 0)).toBe(true);
    expect(b.tryTake(10, 0)).toBe(false);
    expect(b.tryTake(10, 49)).toBe(false);
    expect(b.tryTake(10, 50)).toBe(true);
    expect(b.tryTake(10, 10_000)).toBe(true);
    expect(b.tokens).toBe(190);
  });

  test("costs: default 10, batches per item", () => {
    expect(costOf("GET", "/markets", 1)).toBe(10);
    expect(costOf("POST", "/portfolio/events/orders/batched", 7)).toBe(70);
    expect(costOf("DELETE", "/portfolio/events/orders/batched", 5)).toBe(10);
  });
});

describe("over HTTP (Basic tier)", () => {
  let sim: RunningSimulator;
  const wall = new ManualClock(Date.now());
  // Keep the injected wall near real time: signatures are checked against it too.
  const catchUp = () => wall.set(Math.max(wall.now(), Date.now()));

  beforeAll(async () => {
    sim = await startTestSimulator({ tier: "basic", wallClock: wall, markets: 100 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  test("20 reads a second, then 429 {error: too many requests} without Retry-After", async () => {
    catchUp();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await fetch(`${sim.baseUrl}/exchange/status`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const r = await fetch(`${sim.baseUrl}/exchange/status`);
    expect(r.status).toBe(429);
    expect(await r.json()).toEqual({ error: "too many requests" });
    expect(r.headers.get("retry-after")).toBeNull();
    wall.advance(100); // 20 tokens = 2 requests
    expect((await fetch(`${sim.baseUrl}/exchange/status`)).status).toBe(200);
    expect((await fetch(`${sim.baseUrl}/exchange/status`)).status).toBe(200);
    expect((await fetch(`${sim.baseUrl}/exchange/status`)).status).toBe(429);
  });

  test("writes: a 20-order batch spends the whole 2-second write bucket; signed reads have their own bucket", async () => {
    catchUp();
    const ticker = favouriteTicker(sim);
    const order = (i: number) => ({
      ticker,
      side: "bid",
      count: "1",
      price: "0.02",
      time_in_force: "good_till_canceled",
      self_trade_prevention_type: "taker_at_cross",
      client_order_id: `rl-${i}`,
    });
    const batch = await signedFetch(sim, "POST", "/portfolio/events/orders/batched", {
      orders: Array.from({ length: 20 }, (_, i) => order(i)),
    });
    expect(batch.status).toBe(201);
    const next = await signedFetch(sim, "POST", "/portfolio/events/orders", order(99));
    expect(next.status).toBe(429);
    expect((await signedFetch(sim, "GET", "/portfolio/balance")).status).toBe(200);
    wall.advance(100); // 10 write tokens: one order
    expect((await signedFetch(sim, "POST", "/portfolio/events/orders", order(100))).status).toBe(201);
  });

  test("GET /account/limits reports the tier's buckets", async () => {
    wall.advance(2_000);
    const r = (await (await signedFetch(sim, "GET", "/account/limits")).json()) as {
      usage_tier: string;
      read: unknown;
      write: unknown;
    };
    expect(r).toEqual({
      usage_tier: "basic",
      read: { refill_rate: 200, bucket_capacity: 200 },
      write: { refill_rate: 100, bucket_capacity: 200 },
      grants: [],
    } as never);
  });
});
