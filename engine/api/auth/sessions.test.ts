import { expect, test } from "bun:test";
import { ManualClock } from "../../time/clock.ts";
import { safeEqual } from "./compare.ts";
import { clearSessionCookie, readCookie, sessionCookie } from "./cookies.ts";
import { originVerdict } from "./csrf.ts";
import { LoginLimiter } from "./rate-limit.ts";
import { SessionStore } from "./sessions.ts";

test("sessions: random 32-byte tokens, fixed expiry, revocable, bounded", () => {
  const clock = new ManualClock("2026-01-01T00:00:00Z");
  const store = new SessionStore(clock, 1000, 3);
  const a = store.create();
  expect(Buffer.from(a.token, "base64url")).toHaveLength(32);
  expect(store.create().token).not.toBe(a.token);
  expect(store.verify(a.token)).toBe(a.expiresAt);
  expect(store.verify("made-up")).toBeNull();
  clock.advance(1000);
  expect(store.verify(a.token)).toBeNull();
  const b = store.create();
  expect(store.revoke(b.token)).toBe(true);
  expect(store.verify(b.token)).toBeNull();
  for (let i = 0; i < 10; i++) store.create();
  expect(store.size).toBeLessThanOrEqual(3);
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
