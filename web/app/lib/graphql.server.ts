/**
 * The dashboard's only way to the engine: GraphQL, asked server-side from loaders and actions. The
 * user's session cookie becomes `Authorization: Bearer <token>`, so the API sees the same user the
 * browser is, and cookie-auth CSRF rules never apply to these server-to-server calls.
 *
 * Where the API lives:
 * - one process: the engine hands its in-process executor (yoga.fetch) to `setGraphQLFetch` and no
 *   socket is involved;
 * - otherwise `GRAPHQL_URL` (docker-compose runs the dashboard as its own service).
 */
import { data, redirect } from "@remix-run/node";
import { ACCOUNT_HEADER, accountOf } from "./account";
import { clearSessionCookie, isSecureRequest, readSessionToken } from "./cookie";

/** What the in-process executor is told about the browser (the engine's ServerContext). */
export interface GraphQLServerContext {
  /** For the API's login rate limit: the browser's address, not this server's. */
  clientIp?: string;
}

export type GraphQLFetch = (request: Request, context?: GraphQLServerContext) => Promise<Response>;

/**
 * Carries the browser's address from the web handler to the in-process executor. Set only by
 * createWebHandler (which strips any copy a client sent), never forwarded over HTTP.
 */
export const CLIENT_IP_HEADER = "x-conviction-web-client-ip";

/** The codes the schema promises in `extensions.code`, plus what can go wrong on the way there. */
export type GraphQLErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "RATE_LIMITED"
  | "CONFLICT"
  | "ACCOUNT_NOT_SERVED"
  | "INTERNAL"
  | "UNAVAILABLE";

export interface GraphQLFailure {
  code: GraphQLErrorCode;
  message: string;
}

export type MutationResult<T> = { ok: true; data: T } | { ok: false; error: GraphQLFailure };

/**
 * The executor lives on globalThis, not in a module variable: the engine imports this file's
 * source while the pages run from the built server bundle, which has its own copy of the module.
 * A global slot is the one place both copies see.
 */
const SLOT = Symbol.for("conviction.web.graphqlFetch");
type Slot = { [SLOT]?: GraphQLFetch | null };

/** One-process mode: route every query to the engine's executor instead of over HTTP. */
export function setGraphQLFetch(fetchFn: GraphQLFetch | null): void {
  (globalThis as Slot)[SLOT] = fetchFn;
}

const DEFAULT_URL = "http://127.0.0.1:3000/graphql";
// An in-process request still needs an absolute URL. Its host is never resolved, but the API checks
// it: in open mode (no password) it only answers requests addressed to a loopback name.
const IN_PROCESS_URL = "http://localhost/graphql";
const QUERY_TIMEOUT_MS = 30_000;
// A scan waits for the AI selector (its own timeout × retries), so mutations get longer.
const MUTATION_TIMEOUT_MS = 180_000;

function endpoint(): { url: string; fetch: GraphQLFetch } {
  const injected = (globalThis as Slot)[SLOT];
  if (injected) return { url: IN_PROCESS_URL, fetch: injected };
  // Over HTTP the engine sees this server's address; it trusts no forwarded-for header.
  return { url: process.env.GRAPHQL_URL || DEFAULT_URL, fetch: (request) => fetch(request) };
}

const KNOWN_CODES: ReadonlySet<string> = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "RATE_LIMITED",
  "CONFLICT",
  "ACCOUNT_NOT_SERVED",
]);

const STATUS: Record<GraphQLErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  ACCOUNT_NOT_SERVED: 409,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

type Outcome<T> = { ok: true; data: T } | { ok: false; error: GraphQLFailure };

async function execute<T>(
  request: Request,
  query: string,
  variables: Record<string, unknown> | undefined,
  timeoutMs: number,
  withSession = true,
  withAccount = true,
): Promise<Outcome<T>> {
  const { url, fetch: send } = endpoint();
  const headers = new Headers({
    "Content-Type": "application/json",
    Accept: "application/graphql-response+json, application/json",
  });
  const token = withSession ? readSessionToken(request) : null;
  if (token) headers.set("Authorization", `Bearer ${token}`);
  // The page's `?account=` (lib/account.ts): the API scopes every read to it, refuses mutations for it.
  const account = withAccount ? accountOf(request.url) : null;
  if (account) headers.set(ACCOUNT_HEADER, account);

  let response: Response;
  try {
    const clientIp = request.headers.get(CLIENT_IP_HEADER);
    response = await send(
      new Request(url, {
        method: "POST",
        headers,
        body: JSON.stringify({ query, variables: variables ?? {} }),
        signal: AbortSignal.timeout(timeoutMs),
      }),
      clientIp ? { clientIp } : undefined,
    );
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return {
      ok: false,
      error: {
        code: "UNAVAILABLE",
        message: timedOut
          ? "The engine's API did not answer in time."
          : "The engine's API cannot be reached. Is the engine running (GRAPHQL_URL)?",
      },
    };
  }

  let body: GraphQLResponseBody<T>;
  try {
    body = (await response.json()) as GraphQLResponseBody<T>;
  } catch {
    return {
      ok: false,
      error: {
        code: "UNAVAILABLE",
        message: `The engine's API answered ${response.status} without GraphQL.`,
      },
    };
  }

  const first = body.errors?.[0];
  if (first) {
    const raw = first.extensions?.code;
    const code: GraphQLErrorCode =
      typeof raw === "string" && KNOWN_CODES.has(raw) ? (raw as GraphQLErrorCode) : "INTERNAL";
    return { ok: false, error: { code, message: first.message || "Unexpected error." } };
  }
  if (body.data === undefined || body.data === null) {
    return { ok: false, error: { code: "INTERNAL", message: "The engine's API returned no data." } };
  }
  return { ok: true, data: body.data };
}

/** Sends the user to /login, back to this page afterwards, and drops the stale cookie. */
function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  const search = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  return redirect(`/login${search}`, {
    headers: { "Set-Cookie": clearSessionCookie(isSecureRequest(request)) },
  });
}

/**
 * A query for a loader. Errors are thrown as route error responses (status + {code, message}) for
 * the root error boundary; UNAUTHENTICATED is thrown as a redirect to /login.
 */
export async function gql<T>(
  request: Request,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const outcome = await execute<T>(request, query, variables, QUERY_TIMEOUT_MS);
  if (outcome.ok) return outcome.data;
  if (outcome.error.code === "UNAUTHENTICATED") throw loginRedirect(request);
  throw data(outcome.error, { status: STATUS[outcome.error.code] });
}

/**
 * A query whose failure the page can live without (the layout's account list): never throws, never
 * redirects, and is not scoped to the page's account, so an unknown `?account=` still shows the
 * switcher to get away from it.
 */
export async function gqlOptional<T>(request: Request, query: string): Promise<T | null> {
  const outcome = await execute<T>(request, query, undefined, QUERY_TIMEOUT_MS, true, false);
  return outcome.ok ? outcome.data : null;
}

export interface MutateOptions {
  /** Send no session: `login`, where a stale cookie must not get in the way. */
  anonymous?: boolean;
  /** Return UNAUTHENTICATED as a value instead of redirecting: `login` (wrong password), `logout`. */
  allowUnauthenticated?: boolean;
}

/**
 * A mutation for an action. Expected failures (bad input, conflict, rate limit…) come back as a
 * value the form can show; only UNAUTHENTICATED (redirect to /login) is thrown.
 */
export async function mutate<T>(
  request: Request,
  query: string,
  variables?: Record<string, unknown>,
  options: MutateOptions = {},
): Promise<MutationResult<T>> {
  const outcome = await execute<T>(request, query, variables, MUTATION_TIMEOUT_MS, !options.anonymous);
  if (!outcome.ok && outcome.error.code === "UNAUTHENTICATED" && !options.allowUnauthenticated) {
    throw loginRedirect(request);
  }
  return outcome;
}

/**
 * Remix actions are reached by form posts carrying the session cookie. SameSite=Lax already keeps
 * other sites' POSTs from carrying it; this also refuses a request whose Origin names another host.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return;
  const host =
    request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host") ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw data({ code: "FORBIDDEN", message: "Cross-site request refused." }, { status: 403 });
  }
  if (originHost !== host) {
    throw data({ code: "FORBIDDEN", message: "Cross-site request refused." }, { status: 403 });
  }
}
