/**
 * Client-side model of Kalshi's two token buckets (reads, writes), so we send as fast as the
 * exchange allows and no faster: a 429 costs a round trip plus a backoff, which is slower than
 * waiting the few milliseconds the bucket needs.
 *
 * Per second, read/write tokens by tier (a request costs 10 tokens unless listed otherwise, and
 * batches are billed per item): Basic 200/100, Advanced 300/300, Premier 1000/1000,
 * Paragon 2000/2000, Prime 4000/4000. The write bucket holds 2 s of budget. How much the read
 * bucket holds is not documented: we assume 1 s, the safe side (a smaller assumed bucket only
 * costs a little burst speed at start-up; a larger one would earn 429s).
 *
 * Arithmetic is in integer milli-tokens over integer milliseconds (rate r tokens/s is exactly
 * r milli-tokens/ms), so the model never drifts and tests can state exact properties.
 *
 * In-flight requests: we pay when a request leaves, the exchange charges when it arrives, up to
 * a round trip later. Both buckets stop filling at capacity, so a bucket of ours that reaches
 * capacity while requests are still on their way believes in tokens the exchange will take from
 * its own: with several cursor chains in flight at once that was enough for a 429. A request
 * admitted "in flight" therefore counts against capacity until its answer comes back
 * (`landed`): what we hold plus what is in flight never exceeds what the exchange can hold.
 */
import { type Clock, systemClock } from "../time/clock.ts";

export type Tier = "basic" | "advanced" | "premier" | "paragon" | "prime";
export type BucketKind = "read" | "write";

export interface BucketLimit {
  /** Tokens added per second. */
  refillPerSecond: number;
  /** Most tokens the bucket holds. */
  capacity: number;
}

export interface TierLimits {
  read: BucketLimit;
  write: BucketLimit;
}

export const DEFAULT_REQUEST_COST = 10;

const tier = (read: number, write: number): TierLimits => ({
  read: { refillPerSecond: read, capacity: read },
  write: { refillPerSecond: write, capacity: write * 2 },
});

export const TIER_LIMITS: Readonly<Record<Tier, TierLimits>> = {
  basic: tier(200, 100),
  advanced: tier(300, 300),
  premier: tier(1000, 1000),
  paragon: tier(2000, 2000),
  prime: tier(4000, 4000),
};

export function parseTier(text: string): Tier {
  const t = text.trim().toLowerCase();
  if (t in TIER_LIMITS) return t as Tier;
  throw new RangeError(`unknown Kalshi API tier ${JSON.stringify(text)}`);
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => (ms > 0 ? Bun.sleep(ms) : Promise.resolve());

function checkLimit(limit: BucketLimit): void {
  if (!(limit.refillPerSecond > 0) || !(limit.capacity > 0))
    throw new RangeError("bucket limits must be positive");
  if (!Number.isInteger(limit.refillPerSecond) || !Number.isInteger(limit.capacity)) {
    throw new RangeError("bucket limits must be whole tokens");
  }
}

export class TokenBucket {
  #limit: BucketLimit;
  readonly #clock: Clock;
  #milli: number;
  /** Milli-tokens of admitted requests whose answer has not come back (see the file comment). */
  #inFlight = 0;
  #last: number;

  constructor(limit: BucketLimit, clock: Clock, startFull = true) {
    checkLimit(limit);
    this.#limit = limit;
    this.#clock = clock;
    this.#last = clock.now();
    this.#milli = startFull ? limit.capacity * 1000 : 0;
  }

  get limit(): BucketLimit {
    return this.#limit;
  }

  /** New limits (e.g. from GET /account/limits), keeping what the bucket holds now, capped. */
  resize(limit: BucketLimit): void {
    checkLimit(limit);
    this.#refill();
    this.#limit = limit;
    this.#milli = Math.max(0, Math.min(this.#milli, limit.capacity * 1000 - this.#inFlight));
  }

  #refill(): void {
    const now = this.#clock.now();
    if (now > this.#last) {
      const room = this.limit.capacity * 1000 - this.#inFlight;
      this.#milli = Math.max(
        this.#milli,
        Math.min(room, this.#milli + (now - this.#last) * this.limit.refillPerSecond),
      );
      this.#last = now;
    }
  }

  /** Tokens available now (may be fractional). */
  available(): number {
    this.#refill();
    return this.#milli / 1000;
  }

  /** Takes `tokens` if the bucket holds them. */
  tryTake(tokens: number): boolean {
    this.#check(tokens);
    this.#refill();
    if (this.#milli < tokens * 1000) return false;
    this.#milli -= tokens * 1000;
    return true;
  }

  /** Like tryTake, for a request about to be sent: it counts as in flight until `landed`. */
  tryTakeInFlight(tokens: number): boolean {
    if (!this.tryTake(tokens)) return false;
    this.#inFlight += tokens * 1000;
    return true;
  }

  /** The answer to a request taken with tryTakeInFlight came back (or it failed). */
  landed(tokens: number): void {
    this.#refill();
    this.#inFlight = Math.max(0, this.#inFlight - tokens * 1000);
  }

  /** Tokens of requests still in flight. */
  inFlight(): number {
    return this.#inFlight / 1000;
  }

  /** Milliseconds until `tokens` are available (0 if they are now). */
  waitMs(tokens: number): number {
    this.#check(tokens);
    this.#refill();
    const missing = tokens * 1000 - this.#milli;
    return missing <= 0 ? 0 : Math.ceil(missing / this.limit.refillPerSecond);
  }

  /** The exchange just said 429: whatever we believed, its bucket is empty now. */
  drain(): void {
    this.#refill();
    this.#milli = 0;
  }

  #check(tokens: number): void {
    if (!Number.isInteger(tokens) || tokens <= 0)
      throw new RangeError(`token cost ${tokens} must be a positive integer`);
    // A request dearer than the whole bucket could never be admitted; the caller must split it.
    if (tokens > this.limit.capacity) {
      throw new RangeError(`token cost ${tokens} exceeds bucket capacity ${this.limit.capacity}`);
    }
  }
}

export interface RateLimiterOptions {
  limits: TierLimits;
  clock?: Clock;
  sleep?: Sleep;
  /**
   * Tokens kept back from the modelled bucket. Requests reach the exchange after a variable
   * latency; a little slack stops two that left 50 ms apart from landing 10 ms apart on an empty
   * bucket. One request's worth by default.
   */
  reserveTokens?: number;
}

/** FIFO admission to the read and write buckets. */
export class RateLimiter {
  #limits: TierLimits;
  readonly #buckets: Record<BucketKind, TokenBucket>;
  readonly #queues: Record<BucketKind, Promise<void>>;
  readonly #sleep: Sleep;
  readonly #reserve: number;

  constructor(opts: RateLimiterOptions) {
    const clock = opts.clock ?? systemClock;
    this.#limits = opts.limits;
    this.#sleep = opts.sleep ?? realSleep;
    this.#reserve = opts.reserveTokens ?? DEFAULT_REQUEST_COST;
    this.#buckets = {
      read: new TokenBucket(opts.limits.read, clock),
      write: new TokenBucket(opts.limits.write, clock),
    };
    this.#queues = { read: Promise.resolve(), write: Promise.resolve() };
  }

  get limits(): TierLimits {
    return this.#limits;
  }

  /** Adopts the account's real bucket sizes. */
  setLimits(limits: TierLimits): void {
    this.#buckets.read.resize(limits.read);
    this.#buckets.write.resize(limits.write);
    this.#limits = limits;
  }

  static forTier(t: Tier, clock?: Clock, sleep?: Sleep): RateLimiter {
    return new RateLimiter({ limits: TIER_LIMITS[t], clock, sleep });
  }

  /** Waits (in arrival order) until `tokens` can be spent from `kind`, then spends them. */
  acquire(kind: BucketKind, tokens: number = DEFAULT_REQUEST_COST): Promise<void> {
    return this.#admit(kind, tokens, false);
  }

  /**
   * Like acquire, for a request sent right after: the tokens count as in flight (see the file
   * comment) until the returned function is called, when its answer or failure came back.
   */
  async acquireInFlight(kind: BucketKind, tokens: number = DEFAULT_REQUEST_COST): Promise<() => void> {
    await this.#admit(kind, tokens, true);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#buckets[kind].landed(tokens);
    };
  }

  #admit(kind: BucketKind, tokens: number, inFlight: boolean): Promise<void> {
    const bucket = this.#buckets[kind];
    const reserve = Math.min(this.#reserve, bucket.limit.capacity - tokens);
    const take = () => (inFlight ? bucket.tryTakeInFlight(tokens) : bucket.tryTake(tokens));
    const run = async () => {
      for (;;) {
        const wait = reserve > 0 ? bucket.waitMs(tokens + reserve) : bucket.waitMs(tokens);
        if (wait === 0 && take()) return;
        await this.#sleep(Math.max(1, wait));
      }
    };
    const turn = this.#queues[kind].then(run);
    // The next caller waits for this one whatever happens to it.
    this.#queues[kind] = turn.catch(() => undefined);
    return turn;
  }

  /** Called on a 429. */
  penalize(kind: BucketKind): void {
    this.#buckets[kind].drain();
  }

  /** How many items of a per-item-billed batch fit in one request. */
  maxBatchItems(kind: BucketKind, costPerItem: number = DEFAULT_REQUEST_COST): number {
    return Math.max(1, Math.floor(this.#buckets[kind].limit.capacity / costPerItem));
  }

  bucket(kind: BucketKind): TokenBucket {
    return this.#buckets[kind];
  }
}
