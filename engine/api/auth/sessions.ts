import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../../time/clock.ts";

export interface Session {
  token: string;
  expiresAt: number;
}

const digest = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Server-side sessions in memory: random 32-byte tokens with a fixed expiry. Only a hash of each
 * token is kept, so a heap dump does not hand out live sessions. A restart logs everyone out,
 * which for a single-operator dashboard is a fair price for holding no session table.
 *
 * Tokens are only ever minted here: a token a client presents before logging in is never
 * promoted to a session (no fixation), and login always issues a fresh one.
 */
export class SessionStore {
  readonly #sessions = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = 12 * 60 * 60 * 1000,
    private readonly maxSessions = 1000,
  ) {}

  create(): Session {
    this.#sweep();
    // Bounded: the oldest session goes first (Map keeps insertion order).
    while (this.#sessions.size >= this.maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    const token = randomBytes(32).toString("base64url");
    const expiresAt = this.clock.now() + this.ttlMs;
    this.#sessions.set(digest(token), expiresAt);
    return { token, expiresAt };
  }

  /** The session's expiry, or null when the token is unknown or expired. */
  verify(token: string): number | null {
    const key = digest(token);
    const expiresAt = this.#sessions.get(key);
    if (expiresAt === undefined) return null;
    if (expiresAt <= this.clock.now()) {
      this.#sessions.delete(key);
      return null;
    }
    return expiresAt;
  }

  revoke(token: string): boolean {
    return this.#sessions.delete(digest(token));
  }

  get size(): number {
    return this.#sessions.size;
  }

  #sweep() {
    const now = this.clock.now();
    for (const [key, expiresAt] of this.#sessions) if (expiresAt <= now) this.#sessions.delete(key);
  }
}
