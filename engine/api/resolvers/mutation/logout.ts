import { clearSessionCookie } from "../../auth/cookies.ts";
import type { ApiContext } from "../../context.ts";

export async function logout(_: unknown, __: unknown, ctx: ApiContext) {
  ctx.setCookie(clearSessionCookie(ctx.secure));
  return ctx.viewer.via === "session" ? ctx.auth.sessions.revoke(ctx.viewer.token) : false;
}
