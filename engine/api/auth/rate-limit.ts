import type { Clock } from "../../time/clock.ts";

/**
 * Failed logins per client address in a sliding window (default 5 per 5 minutes). Once the limit
 * is reached every attempt is refused, the right password included, until the oldest failure
 * leaves the window: a guesser learns nothing from the refusal. A success clears the address.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    readonly maxFailures = 5,
    readonly windowMs = 5 * 60 * 1000,
    private readonly maxClients = 10_000,
  ) {}

  /** null when `client` may try, else how long (ms) until it may. */
  retryAfter(client: string): number | null {
    const recent = this.#recent(client);
    if (recent.length < this.maxFailures) return null;
    const oldest = recent[recent.length - this.maxFailures] ?? this.clock.now();
    return Math.max(1, oldest + this.windowMs - this.clock.now());
  }

  fail(client: string): void {
    const recent = this.#recent(client);
    recent.push(this.clock.now());
    this.#failures.delete(client);
    this.#failures.set(client, recent);
    // Bounded memory under a spray of addresses: forget the least recently failing.
    while (this.#failures.size > this.maxClients) {
      const first = this.#failures.keys().next().value;
      if (first === undefined) break;
      this.#failures.delete(first);
    }
  }

  succeed(client: string): void {
    this.#failures.delete(client);
  }

  #recent(client: string): number[] {
    const since = this.clock.now() - this.windowMs;
    return (this.#failures.get(client) ?? []).filter((t) => t > since);
  }
}
