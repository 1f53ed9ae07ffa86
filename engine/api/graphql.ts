import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import type { GraphQLError } from "graphql";
import { createYoga, maskError, type Plugin, type YogaLogger, type YogaServerInstance } from "graphql-yoga";
import { type Config, secretValues } from "../config/index.ts";
import type { Database } from "../db/database.ts";
import { createLogger, type Logger } from "../log.ts";
import { type Clock, systemClock } from "../time/clock.ts";
import { accessGatePlugin } from "./auth/gate.ts";
import { Auth, type AuthOptions } from "./auth/service.ts";
import { type ApiContext, type ApiDeps, cookiesFor, createContext } from "./context.ts";
import type { EngineControl, HealthReport } from "./control.ts";
import { LiveFeed, type LiveFeedOptions } from "./live/feed.ts";
import { noNulCharactersPlugin } from "./nul-characters.ts";
import { ReadCache } from "./read-cache.ts";
import { invalidateAfterMutationPlugin } from "./read-invalidation.ts";
import { ReadModelVersion, type ReadModelVersionOptions } from "./read-model-version.ts";
import { secretRedactionPlugin } from "./redact.ts";
import { resultCachePlugin } from "./result-cache.ts";
import { buildSchema } from "./schema.ts";

/** What the HTTP server hands to yoga with each request. */
export interface ServerContext {
  /** The peer's address, for the login rate limit. Proxies are not trusted (no X-Forwarded-For). */
  clientIp?: string;
}

export interface GraphQLOptions {
  db: Database;
  control: EngineControl;
  config: Config;
  clock?: Clock;
  /**
   * Session expiry is real-world security, not market time: a demo on an accelerated or manual
   * clock must not log people out (or in) early. Defaults to `clock`.
   */
  sessionClock?: Clock;
  logger?: Logger;
  auth?: AuthOptions;
  /** Deepest selection allowed (default 10: the dashboard's deepest query is 7). */
  maxDepth?: number;
  /**
   * graphql-armor's static cost ceiling (default 25 000). Its cost multiplies by a literal `first`:
   * the dashboard's heaviest screen (100 trades with market and decision) costs ~16 000.
   */
  maxCost?: number;
  live?: Omit<LiveFeedOptions, "onError">;
  /** The remembered read-model version's staleness bound and wall clock (tests pin the clock). */
  readVersions?: Omit<ReadModelVersionOptions, "onError">;
}

export interface GraphQLHandle {
  readonly yoga: YogaServerInstance<ServerContext, ApiContext>;
  /** Serves one request (any path; the HTTP server routes /graphql here). */
  fetch(request: Request, context?: ServerContext): Promise<Response>;
  /** EngineControl.health(), for /readyz. */
  health(): Promise<HealthReport>;
  readonly auth: Auth;
  readonly feed: LiveFeed;
  /** The read models' version as this handle remembers it (read-model-version.ts). */
  readonly versions: ReadModelVersion;
  /** Stops the live feed and the read-model LISTEN. */
  close(): Promise<void>;
}

export const GRAPHQL_PATH = "/graphql";

function yogaLogger(logger: Logger): YogaLogger {
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (...args: unknown[]) =>
      logger.log(level === "debug" ? "trace" : level, String(args[0] ?? "graphql"), {
        detail: args.slice(1),
      });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** graphql-armor refusals carry no code; give them the one a client can act on. */
const withCode = (_: unknown, error: GraphQLError) => {
  (error.extensions as Record<string, unknown>).code = "BAD_USER_INPUT";
};

/** Writes the Set-Cookie headers resolvers asked for (login, logout). */
const responseCookiesPlugin = (): Plugin => ({
  onResponse({ request, response }) {
    for (const cookie of cookiesFor(request)) response.headers.append("set-cookie", cookie);
  },
});

/**
 * The GraphQL API over the projections and EngineControl: schema-first (schema/schema.graphql),
 * masked unexpected errors, depth and cost limits, the access gate, secret redaction, and a live
 * feed for SSE subscriptions. No network: serve it with startHttpServer (engine/http/server.ts)
 * or call `fetch` directly (tests do).
 */
export function createGraphQL(options: GraphQLOptions): GraphQLHandle {
  const clock = options.clock ?? systemClock;
  const logger =
    options.logger ?? createLogger({ level: options.config.logLevel, secrets: secretValues(options.config) });
  const auth = new Auth(options.config.server, options.sessionClock ?? clock, options.auth);
  const feed = new LiveFeed(options.db, {
    ...options.live,
    onError: (error) => logger.error("live feed failed", { error }),
  });
  const versions = new ReadModelVersion(options.db, {
    ...options.readVersions,
    onError: (error) =>
      logger.warn("read-model LISTEN failed; the cache asks the database instead", { error }),
  });
  void versions.start();
  const deps: ApiDeps = {
    db: options.db,
    control: options.control,
    config: options.config,
    clock,
    auth,
    feed,
    logger,
    readCache: new ReadCache(256, versions),
    scanInFlight: { running: false },
  };

  const yoga = createYoga<ServerContext, ApiContext>({
    schema: buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ request, clientIp }) => createContext(deps, request, clientIp),
    // Same-origin dashboard only: yoga's default CORS would reflect any Origin with credentials.
    cors: false,
    graphiql: false,
    landingPage: false,
    logging: yogaLogger(logger),
    maskedErrors: {
      maskError(error, message) {
        logger.error("graphql: unexpected error", { error });
        // Never the development form: it would copy the original error's message and stack.
        return maskError(error, message, false);
      },
    },
    plugins: [
      accessGatePlugin(auth),
      maxDepthPlugin({ n: options.maxDepth ?? 10, flattenFragments: true, onReject: [withCode] }),
      costLimitPlugin({ maxCost: options.maxCost ?? 25_000, onReject: [withCode] }),
      noNulCharactersPlugin(),
      resultCachePlugin(versions),
      secretRedactionPlugin(secretValues(options.config)),
      responseCookiesPlugin(),
      invalidateAfterMutationPlugin(versions),
    ],
  });

  return {
    yoga,
    auth,
    feed,
    versions,
    fetch: async (request, context = {}) => yoga.fetch(request, context),
    health: () => options.control.health(),
    close: async () => {
      await feed.stop();
      await versions.stop();
    },
  };
}
