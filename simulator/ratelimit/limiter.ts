/**
 * Token buckets per client (API key's account, or remote address when unauthenticated), refilled
 * continuously from the real wall clock. Rate limits are about the real request rate, so they
 * ignore the accelerated market clock.
 */
import type { Clock } from "../../engine/time/clock.ts";
import { type BucketLimit, type Tier, tierLimits } from "./tiers.ts";

export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly limit: BucketLimit,
    now: number,
  ) {
    this.#tokens = limit.capacity;
    this.#last = now;
  }

  tryTake(cost: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.#last) / 1000;
    this.#tokens = Math.min(this.limit.capacity, this.#tokens + elapsed * this.limit.refillRate);
    this.#last = now;
    if (this.#tokens + 1e-9 < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  get tokens(): number {
    return this.#tokens;
  }
}

export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(
    public tier: Tier,
    private readonly wall: Clock,
  ) {}

  /** True if the request may proceed (and its cost is taken). */
  allow(client: string, write: boolean, cost: number): boolean {
    const key = `${client}|${write ? "w" : "r"}`;
    const now = this.wall.now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      const limits = tierLimits(this.tier);
      bucket = new TokenBucket(write ? limits.write : limits.read, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.tryTake(cost, now);
  }

  setTier(tier: Tier): void {
    this.tier = tier;
    this.#buckets.clear();
  }

  reset(): void {
    this.#buckets.clear();
  }
}
