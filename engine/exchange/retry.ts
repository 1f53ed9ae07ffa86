/**
 * Retry with jittered exponential backoff. Randomness and sleeping are injected so a test can
 * replay the exact schedule without waiting. Only errors that say "try again later" are retried
 * (429, 5xx, network, timeout); a 4xx or an invalid response would fail the same way again.
 *
 * Never use this around an order creation: a retried POST can place a second order. Creation
 * goes through orders.ts, which looks the order up by client_order_id before any new attempt.
 */
import type { Random } from "../time/random.ts";
import { isExchangeError } from "./errors.ts";
import type { Sleep } from "./rate-limit.ts";

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 8_000 };

/**
 * "Equal jitter": half the exponential step is fixed, half random. Pure full jitter can return
 * ~0 ms and hammer a struggling server; no jitter lines clients up in lockstep.
 * `retry` is 0 for the wait before the second attempt.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: Random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 30));
  const half = ceiling / 2;
  return Math.floor(half + random.next() * half);
}

export const isRetryable = (e: unknown): boolean => isExchangeError(e) && e.retryable;

export interface RetryContext {
  policy: RetryPolicy;
  random: Random;
  sleep: Sleep;
  shouldRetry?: (e: unknown, attempt: number) => boolean;
  /** Told before each wait; for metrics and logs. */
  onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `fn(attempt)` (attempt 1, 2, …) until it succeeds, fails for good, or attempts run out. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  const shouldRetry = ctx.shouldRetry ?? isRetryable;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (attempt >= ctx.policy.maxAttempts || !shouldRetry(e, attempt)) throw e;
      const delay = backoffDelay(attempt - 1, ctx.policy, ctx.random);
      ctx.onRetry?.(e, attempt, delay);
      await ctx.sleep(delay);
    }
  }
}
