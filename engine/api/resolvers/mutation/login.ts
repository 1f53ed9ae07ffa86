import { sessionCookie } from "../../auth/cookies.ts";
import type { ApiContext } from "../../context.ts";
import { apiError, badInput } from "../../errors.ts";

/**
 * Password → a fresh session. Rate-limited per client address before the password is even
 * looked at; a token the client already held is revoked, never promoted (rotation on login).
 */
export async function login(_: unknown, args: { password: string }, ctx: ApiContext) {
  const { auth, clientIp, request } = ctx;
  if (!auth.passwordConfigured)
    throw badInput("No DASHBOARD_PASSWORD is configured: there is nothing to log in to.");
  const wait = auth.limiter.retryAfter(clientIp);
  if (wait !== null) {
    const seconds = Math.ceil(wait / 1000);
    throw apiError("RATE_LIMITED", `Too many failed logins. Try again in ${seconds} s.`, {
      retryAfterSeconds: seconds,
      headers: { "Retry-After": String(seconds) },
    });
  }
  if (!auth.checkPassword(args.password)) {
    auth.limiter.fail(clientIp);
    throw apiError("UNAUTHENTICATED", "Wrong password.");
  }
  auth.limiter.succeed(clientIp);
  const previous = auth.presentedToken(request);
  if (previous) auth.sessions.revoke(previous);
  const session = auth.sessions.create();
  ctx.setCookie(sessionCookie(session.token, session.expiresAt, ctx.clock.now(), ctx.secure));
  return { token: session.token, expiresAt: session.expiresAt };
}
