/**
 * THE table of environment variables. Parsing, .env.example and docs/configuration.md are all
 * generated from it, so a variable cannot exist in one and be missing or different in another.
 * Defaults are written as strings and go through the same parser as real values, so an invalid
 * default fails the tests instead of shipping.
 */
import type { z } from "zod";
import type { GroupId } from "./groups.ts";
import * as p from "./parsers.ts";

/**
 * "value": the whole value is secret. "url-password": only the password inside the URL is
 * (DATABASE_URL), so the host and database can still be shown when something is wrong.
 */
export type SecretKind = "value" | "url-password";

export interface VariableSpec {
  readonly group: GroupId;
  /** Used when the variable is unset or empty; absent means "unset" is itself meaningful. */
  readonly default?: string;
  /** One or two sentences for .env.example and the docs. */
  readonly meaning: string;
  readonly secret?: SecretKind;
  readonly schema: z.ZodType;
}

const HTTP_URL = "must be an http:// or https:// URL";

export const VARIABLES = {
  ACCOUNT_ID: {
    group: "general",
    default: "default",
    meaning:
      "Trading account this process runs. Every event carries it, so several accounts can share one " +
      "database. 1 to 32 characters from a-z, 0-9, _ and -.",
    schema: p.pattern(/^[a-z0-9_-]{1,32}$/, "must be 1 to 32 characters from a-z, 0-9, _ and -"),
  },
  TRADING_MODE: {
    group: "general",
    default: "paper",
    meaning:
      "paper: simulate fills against real market data. live: place real orders on Kalshi " +
      "(requires KALSHI_API_ID and a private key).",
    schema: p.oneOf(["paper", "live"]),
  },
  TZ: {
    group: "general",
    default: "UTC",
    meaning: "IANA time zone for schedules, daily limits and reports, e.g. America/New_York.",
    schema: p.timeZone(),
  },
  LOG_LEVEL: {
    group: "general",
    default: "info",
    meaning: "Least severe log level written: trace, debug, info, warn, error or fatal.",
    schema: p.oneOf(["trace", "debug", "info", "warn", "error", "fatal"]),
  },

  DAILY_BUDGET: {
    group: "trading",
    default: "100",
    meaning: "Dollars the engine may commit to new positions per day. At least MAX_POSITION_SIZE.",
    schema: p.dollarAmount({ positive: true }),
  },
  MIN_ODDS: {
    group: "trading",
    default: "0.85",
    meaning: "Lowest price (0.5 to 0.99, the implied probability) the engine will buy at. Below MAX_ODDS.",
    schema: p.price({ min: "0.5", max: "0.99", inclusive: true }),
  },
  MAX_ODDS: {
    group: "trading",
    default: "0.98",
    meaning:
      "Highest price (0.5 to 0.99) the engine will pay; above it the profit left cannot cover fees and risk.",
    schema: p.price({ min: "0.5", max: "0.99", inclusive: true }),
  },
  MAX_DAYS_TO_RESOLUTION: {
    group: "trading",
    default: "2",
    meaning: "Only markets that resolve within this many days are considered.",
    schema: p.wholeNumber({ min: 1 }),
  },
  MIN_LIQUIDITY: {
    group: "trading",
    default: "2000",
    meaning:
      "Dollars of liquidity a market needs before the engine trades it, so positions can be entered and left.",
    schema: p.dollarAmount({ positive: false }),
  },
  MIN_POSITION_SIZE: {
    group: "trading",
    default: "20",
    meaning: "Smallest position, in dollars, worth opening. At most MAX_POSITION_SIZE.",
    schema: p.dollarAmount({ positive: true }),
  },
  MAX_POSITION_SIZE: {
    group: "trading",
    default: "50",
    meaning: "Largest position, in dollars, in any one market. At most DAILY_BUDGET.",
    schema: p.dollarAmount({ positive: true }),
  },
  MAX_TRADES_PER_DAY: {
    group: "trading",
    default: "3",
    meaning: "Most new positions opened per day.",
    schema: p.wholeNumber({ min: 1 }),
  },
  STOP_LOSS_THRESHOLD: {
    group: "trading",
    default: "0.80",
    meaning: "Price at which a held position is sold to cut the loss. Above 0 and below MIN_ODDS.",
    schema: p.price({ min: "0", max: "1", inclusive: false }),
  },
  MAX_LOSSES_IN_STREAK: {
    group: "trading",
    default: "5",
    meaning: "Losing trades in a row after which trading halts.",
    schema: p.wholeNumber({ min: 1 }),
  },
  MAX_STOP_LOSSES_24H: {
    group: "trading",
    default: "3",
    meaning: "Stop-losses within 24 hours after which trading halts.",
    schema: p.wholeNumber({ min: 1 }),
  },
  PAPER_STARTING_BALANCE: {
    group: "trading",
    default: "1000",
    meaning:
      "Paper trading's starting cash in dollars; its balance is this plus realized P&L minus open positions' cost.",
    schema: p.dollarAmount({ positive: true }),
  },

  DATABASE_URL: {
    group: "storage",
    meaning:
      "PostgreSQL connection string (postgres:// or postgresql://). " +
      "Unset: an embedded PGlite database in DATA_DIR.",
    secret: "url-password",
    schema: p.postgresUrl(),
  },
  DATA_DIR: {
    group: "storage",
    default: "./data",
    meaning: "Directory for the embedded database and other local state.",
    schema: p.text(),
  },

  HOST: {
    group: "server",
    default: "127.0.0.1",
    meaning:
      "Address the dashboard and API listen on. 0.0.0.0 exposes them beyond this machine: " +
      "set DASHBOARD_PASSWORD and API_TOKEN first.",
    schema: p.pattern(/^[A-Za-z0-9._:%[\]-]+$/, "must be a hostname or IP address like 127.0.0.1 or ::1"),
  },
  PORT: {
    group: "server",
    default: "3000",
    meaning: "Port for the dashboard and API; 0 picks a free one.",
    schema: p.wholeNumber({ min: 0, max: 65535 }),
  },
  DASHBOARD_PASSWORD: {
    group: "server",
    meaning: "Password for the web dashboard, at least 8 characters. Unset: no password is asked.",
    secret: "value",
    schema: p.minLength(8),
  },
  API_TOKEN: {
    group: "server",
    meaning: "Bearer token the API requires, at least 16 characters. Unset: no token is required.",
    secret: "value",
    schema: p.minLength(16),
  },
  SESSION_SECRET: {
    group: "server",
    meaning:
      "Key material for signing dashboard sessions, at least 32 characters; give every process serving " +
      "the dashboard the same value. Sessions survive restarts; changing this or DASHBOARD_PASSWORD " +
      "logs everyone out. Unset: derived from DASHBOARD_PASSWORD alone.",
    secret: "value",
    schema: p.minLength(32),
  },

  KALSHI_ENV: {
    group: "kalshi",
    default: "production",
    meaning: "production, demo (Kalshi's paper-money exchange) or custom (requires KALSHI_BASE_URL).",
    schema: p.oneOf(["production", "demo", "custom"]),
  },
  KALSHI_BASE_URL: {
    group: "kalshi",
    meaning:
      "REST API base URL, overriding KALSHI_ENV's; e.g. the simulator at http://127.0.0.1:3100/trade-api/v2.",
    schema: p.url(["http:", "https:"], HTTP_URL),
  },
  KALSHI_WS_URL: {
    group: "kalshi",
    meaning:
      "WebSocket URL. Unset: KALSHI_ENV's, or ws(s)://<host of KALSHI_BASE_URL>/trade-api/ws/v2 " +
      "when KALSHI_BASE_URL is set.",
    schema: p.url(["ws:", "wss:"], "must be a ws:// or wss:// URL"),
  },
  KALSHI_API_ID: {
    group: "kalshi",
    meaning: "API key id from Kalshi's account settings. Required for live trading.",
    schema: p.pattern(/^\S+$/, "must not contain spaces"),
  },
  KALSHI_PRIVATE_KEY: {
    group: "kalshi",
    meaning:
      "The API key's RSA private key, PEM-encoded; literal \\n sequences are read as newlines. " +
      "Set this or KALSHI_PRIVATE_KEY_PATH, not both.",
    secret: "value",
    schema: p.privateKeyPem(),
  },
  KALSHI_PRIVATE_KEY_PATH: {
    group: "kalshi",
    meaning: "File holding the PEM private key, read at start-up. Set this or KALSHI_PRIVATE_KEY, not both.",
    schema: p.text(),
  },
  KALSHI_TIER: {
    group: "kalshi",
    default: "basic",
    meaning: "Your Kalshi API tier (basic, advanced, premier, paragon or prime); it sets the rate limits.",
    schema: p.oneOf(["basic", "advanced", "premier", "paragon", "prime"]),
  },

  ANTHROPIC_API_KEY: {
    group: "ai",
    meaning:
      "Anthropic API key for AI market selection. Unset, with no AI_GATEWAY_KEY: rules-based selection.",
    secret: "value",
    schema: p.pattern(/^\S+$/, "must not contain spaces"),
  },
  ANTHROPIC_BASE_URL: {
    group: "ai",
    meaning:
      "Anthropic-compatible API base URL, e.g. the Vercel AI Gateway or a local fake. Unset: Anthropic's API.",
    schema: p.url(["http:", "https:"], HTTP_URL),
  },
  AI_GATEWAY_KEY: {
    group: "ai",
    meaning:
      "Key for the gateway at ANTHROPIC_BASE_URL (required with it), used instead of ANTHROPIC_API_KEY; set one, not both.",
    secret: "value",
    schema: p.pattern(/^\S+$/, "must not contain spaces"),
  },
  AI_MODEL: {
    group: "ai",
    default: "claude-sonnet-4-6",
    meaning: "Model id used for market selection.",
    schema: p.pattern(/^\S+$/, "must not contain spaces"),
  },
  AI_TIMEOUT_MS: {
    group: "ai",
    default: "60000",
    meaning: "Milliseconds to wait for one model response.",
    schema: p.wholeNumber({ min: 1 }),
  },
  AI_MAX_RETRIES: {
    group: "ai",
    default: "2",
    meaning: "Retries of a failed model call (0 to 10).",
    schema: p.wholeNumber({ min: 0, max: 10 }),
  },
  AI_DAILY_COST_CAP: {
    group: "ai",
    default: "5",
    meaning: "Dollars the AI may spend per day; once reached, no more model calls that day.",
    schema: p.dollarAmount({ positive: false }),
  },

  SCHEDULE_REFRESH_MARKETS: {
    group: "schedules",
    default: "*/5 * * * *",
    meaning: "Refresh the market list and prices.",
    schema: p.cronExpression(),
  },
  SCHEDULE_DAILY_SCAN: {
    group: "schedules",
    default: "0 8 * * *",
    meaning: "Scan for and place the day's trades.",
    schema: p.cronExpression(),
  },
  SCHEDULE_MORNING_REPORT: {
    group: "schedules",
    default: "0 7 * * *",
    meaning: "Send the morning report.",
    schema: p.cronExpression(),
  },
  SCHEDULE_STOP_LOSS: {
    group: "schedules",
    default: "0 */2 * * *",
    meaning: "Check held positions against STOP_LOSS_THRESHOLD.",
    schema: p.cronExpression(),
  },
  SCHEDULE_CHECK_RESOLUTIONS: {
    group: "schedules",
    default: "0 */6 * * *",
    meaning: "Check for resolved markets and settle positions.",
    schema: p.cronExpression(),
  },
  SCHEDULE_MONTHLY_ANALYSIS: {
    group: "schedules",
    default: "0 0 1 * *",
    meaning: "Run the monthly performance analysis.",
    schema: p.cronExpression(),
  },

  NOTIFY_SLACK_WEBHOOK_URL: {
    group: "notifications",
    meaning: "Slack incoming-webhook URL.",
    secret: "value",
    schema: p.url(["http:", "https:"], HTTP_URL),
  },
  NOTIFY_DISCORD_WEBHOOK_URL: {
    group: "notifications",
    meaning: "Discord webhook URL.",
    secret: "value",
    schema: p.url(["http:", "https:"], HTTP_URL),
  },
  NOTIFY_TELEGRAM_BOT_TOKEN: {
    group: "notifications",
    meaning: "Telegram bot token from @BotFather; requires NOTIFY_TELEGRAM_CHAT_ID.",
    secret: "value",
    schema: p.pattern(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456789:ABCdef... (from @BotFather)"),
  },
  NOTIFY_TELEGRAM_CHAT_ID: {
    group: "notifications",
    meaning: "Telegram chat to post to: a numeric id or @channelname; requires NOTIFY_TELEGRAM_BOT_TOKEN.",
    secret: "value",
    schema: p.pattern(/^(-?\d+|@[A-Za-z0-9_]+)$/, "must be a numeric chat id or @channelname"),
  },
  NOTIFY_TELEGRAM_API_URL: {
    group: "notifications",
    default: "https://api.telegram.org",
    meaning:
      "Telegram Bot API base URL; sendMessage is posted to <this>/bot<token>/sendMessage. Change it only for a local Bot API server or a test receiver.",
    schema: p.url(["http:", "https:"], HTTP_URL),
  },
  NOTIFY_WEBHOOK_URL: {
    group: "notifications",
    meaning: "Any URL that should receive every notification as a JSON POST.",
    secret: "value",
    schema: p.url(["http:", "https:"], HTTP_URL),
  },
} as const satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof VARIABLES;

export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[];

/** Looks a spec up with its optional fields visible (the `as const` table hides absent keys). */
export const spec = (name: VariableName): VariableSpec => VARIABLES[name];

/** Every variable whose value (or part of it) must never be printed. */
export const SECRET_VARIABLES: readonly VariableName[] = VARIABLE_NAMES.filter(
  (n) => spec(n).secret !== undefined,
);

type Spec<K extends VariableName> = (typeof VARIABLES)[K];

/** What parsing the table yields: a default makes a variable always present. */
export type ParsedEnv = {
  readonly [K in VariableName]: Spec<K> extends { readonly default: string }
    ? z.output<Spec<K>["schema"]>
    : z.output<Spec<K>["schema"]> | undefined;
};
