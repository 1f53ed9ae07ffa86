import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../time/clock.ts";

export interface Session {
  token: string;
  expiresAt: number;
}

/** Bumped if the token layout or the key derivation ever changes: old tokens then simply fail. */
const VERSION = "v1";
const SALT = "conviction-session-key-v1";

/**
 * The signing key, derived once at start-up from SESSION_SECRET (when set) AND DASHBOARD_PASSWORD:
 * changing either revokes every session. scrypt, not a bare hash, because without SESSION_SECRET
 * the key comes from the password alone, and a captured token must not make guessing the password
 * offline cheap.
 */
export function deriveSessionKey(secrets: { sessionSecret: string | null; password: string | null }): Buffer {
  const material = JSON.stringify([secrets.sessionSecret ?? "", secrets.password ?? ""]);
  // Remembered by a hash of the material: scrypt is slow on purpose, and tests build many servers.
  const id = digest(material);
  let key = derived.get(id);
  if (!key) {
    key = scryptSync(material, SALT, 32, { N: 1 << 14, r: 8, p: 1 });
    derived.set(id, key);
  }
  return key;
}

const derived = new Map<string, Buffer>();

const digest = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Sessions as signed, expiring tokens: `v1.<expiry ms>.<16 random bytes>.<HMAC-SHA256>`, the MAC
 * over everything before it. Nothing is stored to verify one, so a restart logs nobody out and
 * any process configured with the same secrets (the engine and a separate web service) accepts
 * the same sessions. The MAC is compared in constant time; the expiry is inside what is signed.
 *
 * Tokens are only ever minted here: a token a client presents before logging in is never promoted
 * to a session (no fixation), and login always issues a fresh one. Logging out clears the cookie
 * and denies the token in this process until it would have expired; another process (or this one
 * after a restart) accepts it until then, so the lifetime is kept short and changing
 * SESSION_SECRET or DASHBOARD_PASSWORD revokes every session at once.
 */
export class SessionStore {
  readonly #key: Buffer;
  /** Logged-out tokens (hashed) → their expiry: the only state, and only an addition. */
  readonly #revoked = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    readonly ttlMs = 12 * 60 * 60 * 1000,
    key: Buffer = randomBytes(32),
    private readonly maxRevoked = 10_000,
  ) {
    this.#key = key;
  }

  create(): Session {
    const expiresAt = this.clock.now() + this.ttlMs;
    const body = `${VERSION}.${expiresAt}.${randomBytes(16).toString("base64url")}`;
    return { token: `${body}.${this.#mac(body)}`, expiresAt };
  }

  /** The session's expiry, or null when the token is malformed, forged, expired or logged out. */
  verify(token: string): number | null {
    const parts = token.split(".");
    if (parts.length !== 4 || parts[0] !== VERSION) return null;
    const [, expiry = "", , mac = ""] = parts;
    // Compare the text, not the decoded bytes: base64url's last character carries unused bits,
    // so several spellings decode alike, and a respelt token would slip past the revoked list.
    const given = Buffer.from(mac, "utf8");
    const wanted = Buffer.from(this.#mac(parts.slice(0, 3).join(".")), "utf8");
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
    if (!/^\d{1,16}$/.test(expiry)) return null;
    const expiresAt = Number(expiry);
    if (expiresAt <= this.clock.now()) return null;
    if (this.#revoked.has(digest(token))) return null;
    return expiresAt;
  }

  /** Denies a valid token from now until it expires (in this process). */
  revoke(token: string): boolean {
    const expiresAt = this.verify(token);
    if (expiresAt === null) return false;
    this.#sweep();
    // Bounded: the entry closest to expiring goes first (insertion order is expiry order).
    while (this.#revoked.size >= this.maxRevoked) {
      const oldest = this.#revoked.keys().next().value;
      if (oldest === undefined) break;
      this.#revoked.delete(oldest);
    }
    this.#revoked.set(digest(token), expiresAt);
    return true;
  }

  #mac(body: string): string {
    return createHmac("sha256", this.#key).update(body, "utf8").digest("base64url");
  }

  #sweep() {
    const now = this.clock.now();
    for (const [key, expiresAt] of this.#revoked) if (expiresAt <= now) this.#revoked.delete(key);
  }
}
