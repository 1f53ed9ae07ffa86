import { DeliveryError } from "./post.ts";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled before each one after. */
  baseDelayMs: number;
  /** No single wait is longer than this (a Retry-After included). */
  maxDelayMs: number;
}

/** 1 s, 2 s, 4 s, 8 s, 16 s: a webhook service down for half a minute loses nothing. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/** Waits; injected so tests neither wait nor race timers. Rejects (or resolves early) on shutdown. */
export type Sleeper = (ms: number) => Promise<void>;

/** The wait before attempt `attempt + 1` (attempt counts from 1): exponential, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0));
}

export interface RetryOutcome {
  ok: boolean;
  attempts: number;
  /** The last failure when not ok. */
  error: DeliveryError | null;
  /** Given up because the notifier is stopping, not because the service refused: try again after restart. */
  interrupted: boolean;
}

/**
 * Runs `send` until it succeeds, fails permanently, or the attempts run out. Never throws for a
 * delivery failure: the caller records it and moves on. `stopped` ends the retries at shutdown.
 */
export async function withRetry(
  send: () => Promise<void>,
  policy: RetryPolicy,
  sleep: Sleeper,
  stopped: () => boolean = () => false,
): Promise<RetryOutcome> {
  let last: DeliveryError | null = null;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    try {
      await send();
      return { ok: true, attempts: attempt, error: null, interrupted: false };
    } catch (error) {
      last =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(`unexpected: ${(error as Error)?.name ?? "error"}`, null, true);
      if (!last.retryable || attempt === policy.maxAttempts) {
        return { ok: false, attempts: attempt, error: last, interrupted: false };
      }
      if (stopped()) return { ok: false, attempts: attempt, error: last, interrupted: true };
      await sleep(backoffDelay(policy, attempt, last.retryAfterMs));
      if (stopped()) return { ok: false, attempts: attempt, error: last, interrupted: true };
    }
  }
  return { ok: false, attempts: policy.maxAttempts, error: last, interrupted: false };
}
