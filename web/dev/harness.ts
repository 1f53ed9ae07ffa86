/**
 * A stand-in GraphQL server for developing the dashboard before (or without) the engine: the real
 * SDL (schema/schema.graphql) with fixture resolvers. A dev harness, not a test of the engine.
 *
 * HARNESS_PASSWORD set: every operation but `login` needs a session, like the engine with
 * DASHBOARD_PASSWORD. HARNESS_TICK_MS: how often open positions' bids move and `overviewChanged`
 * fires (0 = never; the default 5000). HARNESS_EMPTY=1: a fresh install with no data at all, to
 * see the empty states.
 */
import { readFileSync } from "node:fs";
import { type DefinitionNode, type DocumentNode, GraphQLError, Kind, type SelectionNode } from "graphql";
import { createSchema, createYoga, type Plugin } from "graphql-yoga";
import { readCookie, SESSION_COOKIE } from "../app/lib/cookie.ts";
import * as fx from "./fixtures.ts";

const typeDefs = readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8");

interface Context {
  request: Request;
  token: string | null;
}

const state = {
  tradingState: {
    status: "RUNNING",
    reason: null as string | null,
    breaker: null,
    since: "2026-11-02T13:00:00.000Z",
    pausedUntil: null,
  },
};
const sessions = new Set<string>();
const ALL_KINDS = ["TRADE", "STOP_LOSS", "RESOLUTION", "BREAKER", "ERROR", "REPORT"];
const notificationSettings = [
  ["SLACK", "hooks.slack.com/…x9Q2"],
  ["DISCORD", null],
  ["TELEGRAM", "api.telegram.org · chat …4321"],
  ["WEBHOOK", null],
].map(([channel, destination]) => ({
  channel,
  configured: destination !== null,
  destination,
  enabled: true,
  kinds: [...ALL_KINDS],
  quietHours: null as { start: string; end: string } | null,
  timezone: "America/New_York",
  updatedAt: null as string | null,
}));
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function fail(message: string, code: string): never {
  throw new GraphQLError(message, { extensions: { code } });
}

function connection<T>(items: readonly T[], first = 25, after?: string | null) {
  const start = after ? Number(Buffer.from(after, "base64url").toString()) + 1 : 0;
  const slice = items.slice(start, start + Math.max(1, Math.min(100, first)));
  const edges = slice.map((node, i) => ({
    cursor: Buffer.from(String(start + i)).toString("base64url"),
    node,
  }));
  return {
    edges,
    nodes: slice,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + slice.length < items.length,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

const SORTS: Record<string, (a: fx.FixtureTrade, b: fx.FixtureTrade) => number> = {
  PROPOSED_AT_DESC: (a, b) => b.proposedAt.localeCompare(a.proposedAt),
  PROPOSED_AT_ASC: (a, b) => a.proposedAt.localeCompare(b.proposedAt),
  CLOSED_AT_DESC: (a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""),
  PNL_DESC: (a, b) => (b.realizedPnl ? b._pnl : -1e15) - (a.realizedPnl ? a._pnl : -1e15),
  PNL_ASC: (a, b) => (a.realizedPnl ? a._pnl : 1e15) - (b.realizedPnl ? b._pnl : 1e15),
  CLOSE_TIME_ASC: (a, b) => a.closeTime.localeCompare(b.closeTime),
};

const EMPTY = process.env.HARNESS_EMPTY === "1";

/** A brand-new paper account: nothing traded yet. */
function emptyOverview() {
  const zero = fx.money(0);
  return {
    ...fx.overview(state),
    balance: fx.money(1_000_000_000),
    bankroll: fx.money(1_000_000_000),
    totalPnl: zero,
    realizedPnl: zero,
    unrealizedPnl: zero,
    feesPaid: zero,
    invested: zero,
    winRate: null,
    roi: null,
    wins: 0,
    losses: 0,
    voids: 0,
    stopLosses: 0,
    closedTrades: 0,
    openPositionCount: 0,
    openCost: zero,
    openValue: zero,
    equityCurve: [],
    dailyPnl: [],
  };
}

const emptyResolvers = {
  overview: () => emptyOverview(),
  trades: () => connection([], 25),
  trade: () => null,
  positions: () => [],
  decisions: () => connection([], 25),
  calibration: () => ({ points: 0, brier: null, buckets: [], byModel: [] }),
  scan: () => null,
  scans: () => connection([], 25),
  monthlyAnalyses: () => connection([], 12),
  errors: () => connection([], 25),
};

const resolvers = {
  Query: {
    overview: (_: unknown, args: { days: number }) => fx.overview(state, args.days),
    trades: (
      _: unknown,
      args: { status?: string[]; ticker?: string; first: number; after?: string; sort: string },
    ) => {
      const filtered = fx.trades
        .filter((t) => !args.status?.length || args.status.includes(t.status))
        .filter((t) => !args.ticker || t.ticker === args.ticker)
        .sort(SORTS[args.sort] ?? SORTS.PROPOSED_AT_DESC);
      return connection(filtered, args.first, args.after);
    },
    trade: (_: unknown, args: { id: string }) => fx.trades.find((t) => t.id === args.id) ?? null,
    positions: () => fx.positions(),
    decisions: (_: unknown, args: { first: number; after?: string }) =>
      connection(fx.decisions, args.first, args.after),
    calibration: () => fx.calibration(),
    scan: (_: unknown, args: { id?: string }) =>
      args.id ? (fx.scans.find((s) => s.id === args.id) ?? null) : fx.latestScan,
    scans: (_: unknown, args: { first: number; after?: string }) =>
      connection(fx.scans, args.first, args.after),
    monthlyAnalyses: (_: unknown, args: { first: number; after?: string }) =>
      connection(fx.monthlyAnalyses(), args.first, args.after),
    dailyReports: () => connection([], 25),
    // No fixture backtests: the page shows its empty state (the loader test covers a real run).
    backtests: () => connection([], 25),
    backtest: () => null,
    stopLossEvents: () => connection([], 25),
    errors: (_: unknown, args: { source?: string; first: number; after?: string }) =>
      connection(
        fx.errors.filter((e) => !args.source || e.source.includes(args.source)),
        args.first,
        args.after,
      ),
    events: () => connection([], 50),
    config: () => fx.config,
    health: () => fx.health(),
    notificationSettings: () => notificationSettings,
    ...(EMPTY ? emptyResolvers : {}),
  },
  Mutation: {
    runScan: async (_: unknown, args: { dryRun: boolean }) => {
      await new Promise((r) => setTimeout(r, 700));
      const decision = fx.decisions[0];
      return { scanId: "s-dry", dryRun: args.dryRun, scan: fx.latestScan, decision, outcomes: [] };
    },
    pauseTrading: (_: unknown, args: { reason: string }) => {
      if (args.reason.length < 1 || args.reason.length > 500)
        fail("reason must be 1..500 characters", "BAD_USER_INPUT");
      state.tradingState = {
        ...state.tradingState,
        status: "PAUSED",
        reason: args.reason,
        since: new Date().toISOString(),
      };
      notify();
      return state.tradingState;
    },
    resumeTrading: (_: unknown, args: { reason?: string }) => {
      state.tradingState = {
        ...state.tradingState,
        status: "RUNNING",
        reason: args.reason ?? "resumed by hand",
        since: new Date().toISOString(),
      };
      notify();
      return state.tradingState;
    },
    closePosition: (_: unknown, args: { tradeId: string }) => {
      const trade = fx.trades.find((t) => t.id === args.tradeId);
      if (!trade) fail("no such trade", "NOT_FOUND");
      if (trade.status !== "OPEN") fail("the trade is not open", "CONFLICT");
      trade.status = "CLOSED";
      trade.realizedPnl = trade.unrealizedPnl ?? fx.money(0);
      trade._pnl = Number(trade.realizedPnl.micros);
      trade.closedAt = new Date(fx.NOW).toISOString();
      trade.unrealizedPnl = null;
      notify();
      return trade;
    },
    setNotificationPreferences: (
      _: unknown,
      args: {
        channel: string;
        enabled: boolean;
        kinds: string[];
        quietHours: { start: string; end: string } | null;
      },
    ) => {
      const row = notificationSettings.find((s) => s.channel === args.channel);
      if (!row) return fail("unknown channel", "BAD_USER_INPUT");
      Object.assign(row, {
        enabled: args.enabled,
        kinds: args.kinds,
        quietHours: args.quietHours ?? null,
        updatedAt: new Date().toISOString(),
      });
      return row;
    },
    runJob: (_: unknown, args: { name: string }) => {
      if (!fx.health().jobs.includes(args.name))
        fail(`unknown job; known: ${fx.health().jobs.join(", ")}`, "BAD_USER_INPUT");
      return {
        job: args.name,
        status: "OK",
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        durationMs: 412,
        message: null,
      };
    },
    login: (_: unknown, args: { password: string }) => {
      const expected = process.env.HARNESS_PASSWORD;
      if (expected && args.password !== expected) fail("Wrong password.", "UNAUTHENTICATED");
      const token = crypto.randomUUID();
      sessions.add(token);
      return { token, expiresAt: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString() };
    },
    logout: (_: unknown, __: unknown, ctx: Context) => (ctx.token ? sessions.delete(ctx.token) : false),
  },
  Subscription: {
    overviewChanged: {
      subscribe: async function* () {
        const queue: number[] = [];
        let wake: (() => void) | null = null;
        const listener = () => {
          queue.push(Date.now());
          wake?.();
        };
        listeners.add(listener);
        try {
          while (true) {
            if (queue.length === 0) await new Promise<void>((r) => (wake = r));
            wake = null;
            queue.length = 0;
            yield { overviewChanged: fx.overview(state) };
          }
        } finally {
          listeners.delete(listener);
        }
      },
    },
    logAppended: {
      subscribe: async function* () {
        // The harness has no event log to follow.
        await new Promise(() => {});
        yield { logAppended: { events: [], head: "0:0" } };
      },
    },
  },
};

/** With HARNESS_PASSWORD, everything but `login` needs a session, like the engine's API. */
const requireSession: Plugin<Context> = {
  onExecute({ args }) {
    if (!process.env.HARNESS_PASSWORD) return;
    const ctx = args.contextValue as Context;
    const document = args.document as DocumentNode;
    const op = document.definitions.find((d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION);
    const isLogin =
      op?.kind === Kind.OPERATION_DEFINITION &&
      op.selectionSet.selections.every(
        (s: SelectionNode) => s.kind === Kind.FIELD && s.name.value === "login",
      );
    if (!isLogin && (!ctx.token || !sessions.has(ctx.token))) fail("Sign in first.", "UNAUTHENTICATED");
  },
  onSubscribe({ args }) {
    if (!process.env.HARNESS_PASSWORD) return;
    const ctx = args.contextValue as Context;
    if (!ctx.token || !sessions.has(ctx.token)) fail("Sign in first.", "UNAUTHENTICATED");
  },
};

export function createHarness() {
  const tick = Number(process.env.HARNESS_TICK_MS ?? 5000);
  if (tick > 0)
    setInterval(() => {
      fx.jiggleBids();
      notify();
    }, tick);
  return createYoga<Context>({
    schema: createSchema<Context>({ typeDefs, resolvers }),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    maskedErrors: false,
    context: ({ request }) => {
      const auth = request.headers.get("Authorization");
      const token = auth?.startsWith("Bearer ")
        ? auth.slice(7)
        : readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
      return { request, token };
    },
    plugins: [requireSession],
  });
}
