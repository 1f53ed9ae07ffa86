import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { seededRandom } from "../time/random.ts";
import { BadRequest, NetworkError, RateLimited, ServerError, Timeout } from "./errors.ts";
import { backoffDelay, DEFAULT_RETRY_POLICY, withRetry } from "./retry.ts";
import { virtualTime } from "./testing.ts";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("backoffDelay", () => {
  test("property: between half and all of the capped exponential step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer(), (retry, seed) => {
        const d = backoffDelay(retry, policy, seededRandom(seed));
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(d)).toBe(true);
      }),
    );
  });

  test("the same seed gives the same schedule", () => {
    const a = [0, 1, 2, 3].map((r, _, __, rnd = seededRandom(7)) =>
      backoffDelay(r, DEFAULT_RETRY_POLICY, rnd),
    );
    const b = [0, 1, 2, 3].map((r, _, __, rnd = seededRandom(7)) =>
      backoffDelay(r, DEFAULT_RETRY_POLICY, rnd),
    );
    expect(a).toEqual(b);
  });
});

describe("withRetry", () => {
  const ep = { endpoint: "GET /x" };

  test("retries 429, 5xx, network errors and timeouts, then succeeds", async () => {
    const { sleep, slept } = virtualTime();
    const errors = [
      new RateLimited(ep),
      new ServerError({ ...ep, status: 503 }),
      new NetworkError(ep),
      new Timeout(ep),
    ];
    let calls = 0;
    const result = await withRetry(
      async () => {
        const e = errors[calls++];
        if (e) throw e;
        return "ok";
      },
      { policy, random: seededRandom(1), sleep },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(5);
    expect(slept).toHaveLength(4);
    slept.forEach((d, i) => {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** i);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    });
  });

  test("does not retry a 4xx", async () => {
    const { sleep, slept } = virtualTime();
    let calls = 0;
    const p = withRetry(
      async () => {
        calls++;
        throw new BadRequest({ ...ep, status: 400 });
      },
      { policy, random: seededRandom(1), sleep },
    );
    await expect(p).rejects.toBeInstanceOf(BadRequest);
    expect(calls).toBe(1);
    expect(slept).toHaveLength(0);
  });

  test("gives up after maxAttempts with the last error", async () => {
    const { sleep } = virtualTime();
    let calls = 0;
    const p = withRetry(
      async () => {
        calls++;
        throw new ServerError({ ...ep, status: 500 });
      },
      { policy, random: seededRandom(1), sleep },
    );
    await expect(p).rejects.toBeInstanceOf(ServerError);
    expect(calls).toBe(policy.maxAttempts);
  });
});
