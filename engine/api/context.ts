import type { GraphQLResolveInfo } from "graphql";
import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Clock } from "../time/clock.ts";
import type { Auth } from "./auth/service.ts";
import type { Viewer } from "./auth/viewer.ts";
import type { EngineControl } from "./control.ts";
import type { LiveFeed } from "./live/feed.ts";
import { createLoaders, type Loaders } from "./loaders.ts";
import { type ReadCache, readModelVersion } from "./read-cache.ts";

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

export function createContext(deps: ApiDeps, request: Request, clientIp: string | undefined): ApiContext {
  let version: Promise<string> | null = null;
  return {
    ...deps,
    accountId: deps.config.accountId,
    request,
    clientIp: clientIp ?? "unknown",
    secure: new URL(request.url).protocol === "https:",
    viewer: deps.auth.viewerOf(request),
    loaders: createLoaders(deps.db, deps.config.accountId),
    readVersion() {
      version ??= readModelVersion(deps.db);
      return version;
    },
    setCookie(cookie) {
      cookieJar.set(request, [...cookiesFor(request), cookie]);
    },
  };
}
