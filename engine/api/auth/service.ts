import type { ServerConfig } from "../../config/index.ts";
import type { Clock } from "../../time/clock.ts";
import { safeEqual } from "./compare.ts";
import { readCookie, SESSION_COOKIE } from "./cookies.ts";
import { authRequired } from "./policy.ts";
import { LoginLimiter } from "./rate-limit.ts";
import { deriveSessionKey, SessionStore } from "./sessions.ts";
import { ANONYMOUS, type Viewer } from "./viewer.ts";

export interface AuthOptions {
  sessionTtlMs?: number;
  /** Failed logins allowed per client address per window. */
  maxLoginFailures?: number;
  loginWindowMs?: number;
}

/** Sessions, the login limiter and the rules that turn a request into a Viewer. */
export class Auth {
  readonly required: boolean;
  readonly sessions: SessionStore;
  readonly limiter: LoginLimiter;
  readonly #viewers = new WeakMap<Request, Viewer>();

  constructor(
    private readonly server: Pick<ServerConfig, "dashboardPassword" | "apiToken" | "sessionSecret">,
    clock: Clock,
    options: AuthOptions = {},
  ) {
    this.required = authRequired(server);
    // With neither secret there is no login, hence no session: a throwaway key, no scrypt.
    const key =
      server.dashboardPassword === null && server.sessionSecret === null
        ? undefined
        : deriveSessionKey({ sessionSecret: server.sessionSecret, password: server.dashboardPassword });
    this.sessions = new SessionStore(clock, options.sessionTtlMs, key);
    this.limiter = new LoginLimiter(clock, options.maxLoginFailures, options.loginWindowMs);
  }

  get passwordConfigured(): boolean {
    return this.server.dashboardPassword !== null;
  }

  checkPassword(given: string): boolean {
    const password = this.server.dashboardPassword;
    return password !== null && safeEqual(given, password);
  }

  /** The same Viewer for every hook that asks about one request. */
  viewerOf(request: Request): Viewer {
    const known = this.#viewers.get(request);
    if (known) return known;
    const viewer = this.#resolve(request);
    this.#viewers.set(request, viewer);
    return viewer;
  }

  /** The session token a request carries (bearer or cookie), whether or not it is valid. */
  presentedToken(request: Request): string | null {
    return bearerOf(request) ?? readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  }

  #resolve(request: Request): Viewer {
    if (!this.required) return { authenticated: true, via: "open" };
    const bearer = bearerOf(request);
    if (bearer !== null) {
      // A bad bearer is not rescued by a cookie: the client said which credential it means.
      const token = this.server.apiToken;
      if (token !== null && safeEqual(bearer, token)) return { authenticated: true, via: "api-token" };
      const expiresAt = this.sessions.verify(bearer);
      return expiresAt === null
        ? ANONYMOUS
        : { authenticated: true, via: "session", transport: "bearer", token: bearer, expiresAt };
    }
    const cookie = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
    if (cookie !== null) {
      const expiresAt = this.sessions.verify(cookie);
      if (expiresAt !== null)
        return { authenticated: true, via: "session", transport: "cookie", token: cookie, expiresAt };
    }
    return ANONYMOUS;
  }
}

function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? "";
}
