import { expect, test } from "bun:test";
import { ManualClock } from "../../time/clock.ts";
import { safeEqual } from "./compare.ts";
import { clearSessionCookie, readCookie, sessionCookie } from "./cookies.ts";
import { originVerdict } from "./csrf.ts";
import { LoginLimiter } from "./rate-limit.ts";
import { deriveSessionKey, SessionStore } from "./sessions.ts";

const KEY = deriveSessionKey({ sessionSecret: null, password: "correct horse battery" });

test("sessions: signed tokens with a fixed expiry, fresh every time, revocable", () => {
  const clock = new ManualClock("2026-01-01T00:00:00Z");
  const store = new SessionStore(clock, 1000, KEY);
  const a = store.create();
  expect(a.expiresAt).toBe(clock.now() + 1000);
  expect(store.create().token).not.toBe(a.token);
  expect(store.verify(a.token)).toBe(a.expiresAt);
  expect(store.verify("made-up")).toBeNull();
  const b = store.create();
  expect(store.revoke(b.token)).toBe(true);
  expect(store.verify(b.token)).toBeNull();
  expect(store.revoke("made-up")).toBe(false);
  expect(store.verify(a.token)).toBe(a.expiresAt);
});

test("sessions expire at their signed expiry, and the expiry cannot be extended", () => {
  const clock = new ManualClock("2026-01-01T00:00:00Z");
  const store = new SessionStore(clock, 1000, KEY);
  const { token, expiresAt } = store.create();
  clock.advance(999);
  expect(store.verify(token)).toBe(expiresAt);
  clock.advance(1);
  expect(store.verify(token)).toBeNull();
  // Moving the expiry forward breaks the signature.
  const [v, , nonce, mac] = token.split(".");
  expect(store.verify([v, expiresAt + 3_600_000, nonce, mac].join("."))).toBeNull();
});

test("a tampered or foreign token is refused", () => {
  const clock = new ManualClock("2026-01-01T00:00:00Z");
  const store = new SessionStore(clock, 60_000, KEY);
  const { token } = store.create();
  const [v, expiry, nonce, mac = ""] = token.split(".");
  const flip = (text: string) => (text[0] === "A" ? "B" : "A") + text.slice(1);
  for (const forged of [
    [v, expiry, flip(nonce ?? ""), mac].join("."),
    [v, expiry, nonce, flip(mac)].join("."),
    [v, expiry, nonce, mac.slice(0, -2)].join("."),
    ["v2", expiry, nonce, mac].join("."),
    [v, expiry, nonce].join("."),
    `${token}.extra`,
    "",
  ])
    expect(store.verify(forged)).toBeNull();
  // Signed with another key (another password or SESSION_SECRET): refused.
  const other = new SessionStore(
    clock,
    60_000,
    deriveSessionKey({ sessionSecret: null, password: "another password" }),
  );
  expect(other.verify(token)).toBeNull();
  const withSecret = deriveSessionKey({ sessionSecret: "x".repeat(32), password: "correct horse battery" });
  expect(new SessionStore(clock, 60_000, withSecret).verify(token)).toBeNull();
});

test("a session survives a restart: a new store with the same secrets accepts it", () => {
  const clock = new ManualClock("2026-01-01T00:00:00Z");
  const { token, expiresAt } = new SessionStore(clock, 60_000, KEY).create();
  const restarted = new SessionStore(
    clock,
    60_000,
    deriveSessionKey({ sessionSecret: null, password: "correct horse battery" }),
  );
  expect(restarted.verify(token)).toBe(expiresAt);
});

test("login limiter: a sliding window of failures per client; success clears", () => {
  const clock = new ManualClock("2026-01-01T00:00:00Z");
  const limiter = new LoginLimiter(clock, 3, 60_000);
  for (let i = 0; i < 3; i++) {
    expect(limiter.retryAfter("a")).toBeNull();
    limiter.fail("a");
    clock.advance(10_000);
  }
  expect(limiter.retryAfter("a")).toBe(30_000);
  expect(limiter.retryAfter("b")).toBeNull();
  clock.advance(30_000);
  expect(limiter.retryAfter("a")).toBeNull();
  limiter.fail("a");
  limiter.succeed("a");
  expect(limiter.retryAfter("a")).toBeNull();
});

test("constant-time comparison is still a comparison", () => {
  expect(safeEqual("secret", "secret")).toBe(true);
  expect(safeEqual("secreT", "secret")).toBe(false);
  expect(safeEqual("", "secret")).toBe(false);
  expect(safeEqual("secret-and-more", "secret")).toBe(false);
});

test("cookies", () => {
  expect(readCookie("a=1; conviction_session=tok%2B; b=2", "conviction_session")).toBe("tok+");
  expect(readCookie(null, "x")).toBeNull();
  const set = sessionCookie("tok", 61_000, 0, true);
  expect(set).toBe("conviction_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=61; Secure");
  expect(clearSessionCookie(false)).toContain("Max-Age=0");
});

test("origin verdicts compare Origin (or Referer) with Host", () => {
  const req = (headers: Record<string, string>) => new Request("http://localhost:3000/graphql", { headers });
  expect(originVerdict(req({ origin: "http://localhost:3000" }))).toBe("same");
  expect(originVerdict(req({ host: "dash.example:443", origin: "https://dash.example:443" }))).toBe("same");
  expect(originVerdict(req({ origin: "http://localhost:4000" }))).toBe("cross");
  expect(originVerdict(req({ origin: "null" }))).toBe("cross");
  expect(originVerdict(req({ referer: "http://localhost:3000/x" }))).toBe("same");
  expect(originVerdict(req({}))).toBe("absent");
});
