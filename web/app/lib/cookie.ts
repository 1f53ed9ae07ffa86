/**
 * The session cookie the engine's API also reads (`conviction_session`), built by hand: it holds
 * the opaque token `login` returned and nothing else, so there is nothing to sign or encrypt here.
 * Pure functions, unit-tested in cookie.test.ts.
 */

export const SESSION_COOKIE = "conviction_session";

/** A cookie's value from a Cookie header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

export function readSessionToken(request: Request): string | null {
  const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
  return token ? token : null;
}

/**
 * Secure only over https (directly or behind a TLS-terminating proxy): a Secure cookie on plain
 * http://localhost would never be sent back, and the dashboard would loop on /login.
 */
export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return new URL(request.url).protocol === "https:";
}

export interface SessionCookieOptions {
  token: string;
  expiresAt: Date;
  secure: boolean;
  now?: Date;
}

/** Set-Cookie for a new session: httpOnly (no script reads it), Lax (no cross-site POST carries it). */
export function buildSessionCookie({
  token,
  expiresAt,
  secure,
  now = new Date(),
}: SessionCookieOptions): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    `Expires=${expiresAt.toUTCString()}`,
    `Max-Age=${maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** Set-Cookie that removes the session. */
export function clearSessionCookie(secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=`,
    "Path=/",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "Max-Age=0",
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/**
 * Where to go after login: only a path on this site. "//evil.example" and "/\\evil.example" are
 * protocol-relative URLs browsers treat as another host, so they are refused too.
 */
export function safeRedirectTo(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  // The login page itself is never a useful destination.
  if (to === "/login" || to.startsWith("/login?")) return fallback;
  return to;
}
