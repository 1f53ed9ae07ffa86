import { describe, expect, test } from "bun:test";
import {
  buildSessionCookie,
  clearSessionCookie,
  isSecureRequest,
  readCookie,
  readSessionToken,
  SESSION_COOKIE,
  safeRedirectTo,
} from "./cookie";

describe("buildSessionCookie", () => {
  const now = new Date("2026-11-25T08:00:00.000Z");
  const expiresAt = new Date("2026-12-02T08:00:00.000Z");

  test("httpOnly, Lax, whole site, expiring with the session", () => {
    const cookie = buildSessionCookie({ token: "abc", expiresAt, secure: false, now });
    expect(cookie.startsWith(`${SESSION_COOKIE}=abc;`)).toBe(true);
    const attrs = cookie.split("; ");
    expect(attrs).toContain("HttpOnly");
    expect(attrs).toContain("SameSite=Lax");
    expect(attrs).toContain("Path=/");
    expect(attrs).toContain("Max-Age=604800");
    expect(attrs).toContain("Expires=Wed, 02 Dec 2026 08:00:00 GMT");
    expect(attrs).not.toContain("Secure");
  });

  test("Secure over https", () => {
    expect(buildSessionCookie({ token: "abc", expiresAt, secure: true, now }).split("; ")).toContain(
      "Secure",
    );
  });

  test("encodes a token that is not cookie-safe, and reads it back", () => {
    const cookie = buildSessionCookie({ token: "a b;c=", expiresAt, secure: false, now });
    const header = cookie.split("; ")[0] ?? "";
    expect(readCookie(`other=1; ${header}`, SESSION_COOKIE)).toBe("a b;c=");
  });

  test("an expiry in the past gives Max-Age=0", () => {
    expect(buildSessionCookie({ token: "t", expiresAt: now, secure: false, now: expiresAt })).toContain(
      "Max-Age=0",
    );
  });
});

test("clearSessionCookie expires it at once", () => {
  const cookie = clearSessionCookie(true);
  expect(cookie.startsWith(`${SESSION_COOKIE}=;`)).toBe(true);
  expect(cookie).toContain("Max-Age=0");
  expect(cookie).toContain("Secure");
  expect(clearSessionCookie(false)).not.toContain("Secure");
});

test("readSessionToken finds the cookie among others, and ignores an empty one", () => {
  const request = (cookie: string) => new Request("http://x/", { headers: { Cookie: cookie } });
  expect(readSessionToken(request(`a=1; ${SESSION_COOKIE}=tok; b=2`))).toBe("tok");
  expect(readSessionToken(request(`${SESSION_COOKIE}=`))).toBeNull();
  expect(readSessionToken(new Request("http://x/"))).toBeNull();
  expect(readCookie("conviction_session_old=x", SESSION_COOKIE)).toBeNull();
});

test("isSecureRequest trusts the URL, or the proxy's X-Forwarded-Proto", () => {
  expect(isSecureRequest(new Request("https://dash.example/"))).toBe(true);
  expect(isSecureRequest(new Request("http://127.0.0.1:3000/"))).toBe(false);
  expect(
    isSecureRequest(new Request("http://engine:3000/", { headers: { "X-Forwarded-Proto": "https" } })),
  ).toBe(true);
});

test("safeRedirectTo only follows paths on this site", () => {
  expect(safeRedirectTo("/trades?status=open")).toBe("/trades?status=open");
  expect(safeRedirectTo("//evil.example")).toBe("/");
  expect(safeRedirectTo("/\\evil.example")).toBe("/");
  expect(safeRedirectTo("https://evil.example")).toBe("/");
  expect(safeRedirectTo(null)).toBe("/");
  expect(safeRedirectTo("/login?redirectTo=/")).toBe("/");
});
