import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { ManualClock } from "../time/clock.ts";
import { parseTier, RateLimiter, TIER_LIMITS, TokenBucket } from "./rate-limit.ts";
import { virtualTime } from "./testing.ts";

describe("tier limits", () => {
  test("basic is 200 read / 100 write tokens per second; the write bucket holds 2 s", () => {
    expect(TIER_LIMITS.basic).toEqual({
      read: { refillPerSecond: 200, capacity: 200 },
      write: { refillPerSecond: 100, capacity: 200 },
    });
    expect(TIER_LIMITS.prime.write).toEqual({ refillPerSecond: 4000, capacity: 8000 });
    expect(parseTier(" Premier ")).toBe("premier");
    expect(() => parseTier("gold")).toThrow(RangeError);
  });
});

describe("TokenBucket", () => {
  test("refills exactly in integer milli-tokens", () => {
    const clock = new ManualClock(0);
    const b = new TokenBucket({ refillPerSecond: 200, capacity: 200 }, clock);
    for (let i = 0; i < 20; i++) expect(b.tryTake(10)).toBe(true);
    expect(b.tryTake(10)).toBe(false);
    expect(b.waitMs(10)).toBe(50);
    clock.advance(49);
    expect(b.tryTake(10)).toBe(false);
    clock.advance(1);
    expect(b.tryTake(10)).toBe(true);
    clock.advance(10_000);
    expect(b.available()).toBe(200); // capped
  });

  test("drain empties it; a cost above capacity is refused", () => {
    const clock = new ManualClock(0);
    const b = new TokenBucket({ refillPerSecond: 100, capacity: 200 }, clock);
    b.drain();
    expect(b.available()).toBe(0);
    expect(() => b.tryTake(201)).toThrow(RangeError);
    expect(() => b.tryTake(0)).toThrow(RangeError);
  });
});

describe("RateLimiter", () => {
  test("runs at the bucket rate after the initial burst (minus the reserve)", async () => {
    const { clock, sleep } = virtualTime(0);
    const limiter = new RateLimiter({ limits: TIER_LIMITS.basic, clock, sleep });
    for (let i = 0; i < 119; i++) await limiter.acquire("read");
    // 19 requests (190 tokens; 10 held in reserve) go at once, then one per 50 ms.
    expect(clock.now()).toBe(100 * 50);
  });

  test("admits in arrival order", async () => {
    const { clock, sleep } = virtualTime(0);
    const limiter = new RateLimiter({ limits: TIER_LIMITS.basic, clock, sleep, reserveTokens: 0 });
    limiter.bucket("write").drain();
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((i) => limiter.acquire("write", 10 * i).then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  test("penalize after a 429 makes the next request wait for a refill", async () => {
    const { clock, sleep } = virtualTime(0);
    const limiter = new RateLimiter({ limits: TIER_LIMITS.basic, clock, sleep, reserveTokens: 0 });
    limiter.penalize("read");
    await limiter.acquire("read");
    expect(clock.now()).toBe(50);
  });

  test("batch size fits the bucket", () => {
    expect(RateLimiter.forTier("basic").maxBatchItems("read")).toBe(20);
    expect(RateLimiter.forTier("premier").maxBatchItems("read")).toBe(100);
  });

  test("property: admitted tokens never exceed capacity + rate × elapsed, for any window", async () => {
    const op = fc.record({
      gap: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom("read" as const, "write" as const),
      tokens: fc.integer({ min: 1, max: 60 }),
      concurrent: fc.integer({ min: 1, max: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(TIER_LIMITS) as (keyof typeof TIER_LIMITS)[])),
        fc.integer({ min: 0, max: 20 }),
        fc.array(op, { minLength: 1, maxLength: 60 }),
        async (tier, reserve, ops) => {
          const { clock, sleep } = virtualTime(0);
          const limits = TIER_LIMITS[tier];
          const limiter = new RateLimiter({ limits, clock, sleep, reserveTokens: reserve });
          const admitted: Record<"read" | "write", { t: number; n: number }[]> = { read: [], write: [] };
          for (const o of ops) {
            clock.advance(o.gap);
            await Promise.all(
              Array.from({ length: o.concurrent }, () =>
                limiter
                  .acquire(o.kind, o.tokens)
                  .then(() => admitted[o.kind].push({ t: clock.now(), n: o.tokens })),
              ),
            );
          }
          for (const kind of ["read", "write"] as const) {
            const { refillPerSecond, capacity } = limits[kind];
            const a = admitted[kind];
            for (let i = 0; i < a.length; i++) {
              let sum = 0;
              for (let j = i; j < a.length; j++) {
                sum += (a[j] as { n: number }).n;
                const elapsed = (a[j] as { t: number }).t - (a[i] as { t: number }).t;
                // In milli-tokens, exactly as the bucket counts.
                expect(sum * 1000).toBeLessThanOrEqual(capacity * 1000 + elapsed * refillPerSecond);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("requests in flight", () => {
  /**
   * A discrete-event run: `chains` clients each send, wait for the answer, pause, and send again.
   * The exchange's bucket (same model, same limits) charges a request when it arrives, which is
   * up to `arrive` ms after we admitted it; the answer comes `answer` ms later. Returns how many
   * requests the exchange refused.
   */
  function run(opts: {
    chains: number;
    sends: number;
    delays: { arrive: number; answer: number; pause: number }[];
    countInFlight: boolean;
  }): number {
    const clock = new ManualClock(0);
    const limit = TIER_LIMITS.basic.read;
    const ours = new TokenBucket(limit, clock);
    const exchange = new TokenBucket(limit, clock);
    const queue: { t: number; run: () => void }[] = [];
    const at = (t: number, run: () => void) => {
      queue.push({ t, run });
      queue.sort((a, b) => a.t - b.t);
    };
    let refused = 0;
    let sent = 0;
    const send = (chain: number) => {
      if (sent >= opts.sends) return;
      const ok = opts.countInFlight ? ours.tryTakeInFlight(10) : ours.tryTake(10);
      if (!ok) return at(clock.now() + Math.max(1, ours.waitMs(10)), () => send(chain));
      const d = opts.delays[sent++ % opts.delays.length] ?? { arrive: 0, answer: 0, pause: 0 };
      at(clock.now() + d.arrive, () => {
        if (!exchange.tryTake(10)) refused++;
        at(clock.now() + d.answer, () => {
          if (opts.countInFlight) ours.landed(10);
          at(clock.now() + d.pause, () => send(chain));
        });
      });
    };
    for (let c = 0; c < opts.chains; c++) at(0, () => send(c));
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.t > clock.now()) clock.advance(next.t - clock.now());
      next.run();
    }
    return refused;
  }

  test("a full bucket must not forget what is on its way: without that, a burst earns a 429", () => {
    for (const countInFlight of [false, true]) {
      const clock = new ManualClock(0);
      const ours = new TokenBucket(TIER_LIMITS.basic.read, clock);
      const exchange = new TokenBucket(TIER_LIMITS.basic.read, clock);
      const take = () => (countInFlight ? ours.tryTakeInFlight(10) : ours.tryTake(10));
      // One request leaves a full bucket and takes 200 ms to arrive; meanwhile ours refills.
      expect(take()).toBe(true);
      clock.advance(200);
      expect(exchange.tryTake(10)).toBe(true);
      // Then a burst, as many as our bucket admits, arriving at once.
      let refused = 0;
      while (take()) if (!exchange.tryTake(10)) refused++;
      expect(refused).toBe(countInFlight ? 0 : 1);
    }
  });

  test("property: counting requests in flight, the exchange never refuses one, whatever the delays", () => {
    const delay = fc.record({
      arrive: fc.integer({ min: 0, max: 400 }),
      answer: fc.integer({ min: 0, max: 400 }),
      pause: fc.integer({ min: 0, max: 1_500 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(delay, { minLength: 1, maxLength: 40 }),
        (chains, delays) => {
          expect(run({ chains, sends: 150, delays, countInFlight: true })).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("the in-flight tokens are released once, when the answer is back", async () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ limits: TIER_LIMITS.basic, clock, reserveTokens: 0 });
    const landed = await limiter.acquireInFlight("read");
    clock.advance(10_000);
    expect(limiter.bucket("read").available()).toBe(190);
    landed();
    landed();
    expect(limiter.bucket("read").inFlight()).toBe(0);
    clock.advance(50);
    expect(limiter.bucket("read").available()).toBe(200);
  });
});
