import type { GraphQLResolveInfo } from "graphql";
import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Clock } from "../time/clock.ts";
import { selectAccount } from "./account/selection.ts";
import type { Auth } from "./auth/service.ts";
import type { Viewer } from "./auth/viewer.ts";
import type { EngineControl } from "./control.ts";
import type { LiveFeed } from "./live/feed.ts";
import { createLoaders, type Loaders } from "./loaders.ts";
import type { ReadCache } from "./read-cache.ts";

/** What lives as long as the GraphQL handler: shared by every request. */
export interface ApiDeps {
  db: Database;
  control: EngineControl;
  config: Config;
  clock: Clock;
  auth: Auth;
  feed: LiveFeed;
  logger: Logger;
  /** Projection reads by read-model version (read-cache.ts). */
  readCache: ReadCache;
  /** One scan at a time from the API: a second click while one runs is a CONFLICT, not a second scan. */
  scanInFlight: { running: boolean };
}

/** What every resolver receives: the shared deps plus this request's viewer, loaders and cookies. */
export interface ApiContext extends ApiDeps {
  /**
   * The account this request reads: the `X-Conviction-Account` header's (account/selection.ts) or,
   * without one, the account this engine serves (`config.accountId`). Every read, loader and
   * subscription scopes to it; mutations refuse any but the served one (account/guard.ts).
   */
  accountId: string;
  request: Request;
  /** The peer address (from the HTTP server); "unknown" when the transport cannot tell. */
  clientIp: string;
  /** The request came over https: cookies get Secure. */
  secure: boolean;
  viewer: Viewer;
  loaders: Loaders;
  /** The read models' version, asked for once per request (read-cache.ts). */
  readVersion(): Promise<string>;
  setCookie(cookie: string): void;
}

export type Resolver<P, A, R> = (
  parent: P,
  args: A,
  context: ApiContext,
  info: GraphQLResolveInfo,
) => R | Promise<R>;

/** Set-Cookie values resolvers asked for, per request; the response hook writes them. */
const cookieJar = new WeakMap<Request, string[]>();

export const cookiesFor = (request: Request): readonly string[] => cookieJar.get(request) ?? [];

/**
 * Builds a request's context. The account is chosen here, once, so no resolver scopes on its own.
 * An anonymous caller (who may only `login`) is not told which accounts exist: its header is ignored.
 */
export async function createContext(
  deps: ApiDeps,
  request: Request,
  clientIp: string | undefined,
): Promise<ApiContext> {
  let version: Promise<string> | null = null;
  const viewer = deps.auth.viewerOf(request);
  const served = deps.config.accountId;
  const accountId = viewer.authenticated ? await selectAccount(deps.db, served, request) : served;
  return {
    ...deps,
    accountId,
    request,
    clientIp: clientIp ?? "unknown",
    secure: new URL(request.url).protocol === "https:",
    viewer,
    loaders: createLoaders(deps.db, accountId),
    readVersion() {
      version ??= deps.readCache.currentVersion(deps.db);
      return version;
    },
    setCookie(cookie) {
      cookieJar.set(request, [...cookiesFor(request), cookie]);
    },
  };
}
