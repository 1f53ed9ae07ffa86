/**
 * The shape the rest of the engine sees. Names say what a value is for, units are in the types
 * (Micros for money and prices), and "not configured" is an explicit null rather than a missing key,
 * so every consumer has to decide what absence means.
 */
import type { Micros } from "../money/money.ts";
import type { KalshiEnv } from "./kalshi-urls.ts";
import type { VariableName } from "./variables.ts";

export type TradingMode = "paper" | "live";
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";
export type KalshiTier = "basic" | "advanced" | "premier" | "paragon" | "prime";

export interface TradingConfig {
  /** paper simulates fills; live sends real orders (and is only accepted with Kalshi credentials). */
  readonly mode: TradingMode;
  /** Most committed to new positions per day. */
  readonly dailyBudget: Micros;
  /** Price band of the side we buy: 0.85 is 850_000 micros, comparable to Kalshi prices directly. */
  readonly minOdds: Micros;
  readonly maxOdds: Micros;
  readonly maxDaysToResolution: number;
  /** Liquidity a market needs before we trade it, in dollars as micros. */
  readonly minLiquidity: Micros;
  readonly minPositionSize: Micros;
  readonly maxPositionSize: Micros;
  readonly maxTradesPerDay: number;
  /** Sell a held position when its price falls to this; always below minOdds. */
  readonly stopLossThreshold: Micros;
  /** Circuit breakers: trading halts after this many losses in a row / stop-losses in 24 hours. */
  readonly maxLossesInStreak: number;
  readonly maxStopLosses24h: number;
  /** Cash a paper account starts with. */
  readonly paperStartingBalance: Micros;
}

/** Unset DATABASE_URL means an embedded PGlite store, so a first run needs no database server. */
export type DatabaseConfig =
  | { readonly kind: "pglite"; readonly dataDir: string }
  | { readonly kind: "postgres"; readonly url: string };

export interface ServerConfig {
  readonly host: string;
  /** 0 asks the OS for a free port (tests). */
  readonly port: number;
  readonly dashboardPassword: string | null;
  readonly apiToken: string | null;
  /** Signs session tokens (with the password); null: the password alone (engine/api/auth/sessions.ts). */
  readonly sessionSecret: string | null;
}

export interface KalshiCredentials {
  readonly apiKeyId: string;
  /** PEM text of an RSA private key, checked at load time; never log it. */
  readonly privateKeyPem: string;
}

export interface KalshiConfig {
  readonly env: KalshiEnv;
  /** REST base without a trailing slash, e.g. https://…/trade-api/v2. */
  readonly restUrl: string;
  readonly wsUrl: string;
  /** Sets the client's rate limits. */
  readonly tier: KalshiTier;
  /** null in paper mode without keys: market data is public, only orders need signing. */
  readonly credentials: KalshiCredentials | null;
}

export interface AiConfig {
  /** The key to send, or null: no key means the rules-based selector runs instead. */
  readonly apiKey: string | null;
  /** Which variable the key came from: a gateway key only works against ANTHROPIC_BASE_URL. */
  readonly keySource: "anthropic" | "gateway" | null;
  /** null: Anthropic's own API. */
  readonly baseUrl: string | null;
  readonly model: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Spend per day after which the AI is not called again until tomorrow. */
  readonly dailyCostCap: Micros;
}

/** croner expressions, evaluated in `timezone`. */
export interface SchedulesConfig {
  readonly timezone: string;
  readonly refreshMarkets: string;
  readonly dailyScan: string;
  readonly morningReport: string;
  readonly stopLoss: string;
  readonly checkResolutions: string;
  readonly monthlyAnalysis: string;
}

export interface NotifyConfig {
  readonly slackWebhookUrl: string | null;
  readonly discordWebhookUrl: string | null;
  /** Token and chat come together or not at all (loading refuses half of the pair). */
  readonly telegram: { readonly botToken: string; readonly chatId: string } | null;
  readonly webhookUrl: string | null;
  /** Bot API base, without a trailing slash; a local receiver in tests. */
  readonly telegramApiUrl: string;
}

/** Where a variable's effective value came from, with the value as it may be shown. */
export interface EffectiveVariable {
  readonly source: "env" | "default" | "unset";
  /** Redacted for secrets; null when unset. */
  readonly value: string | null;
}

export interface Config {
  /** Stamped on every event, so accounts sharing a database never mix. */
  readonly accountId: string;
  /** IANA zone for days, limits and reports. */
  readonly timezone: string;
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  readonly trading: TradingConfig;
  readonly database: DatabaseConfig;
  readonly server: ServerConfig;
  readonly kalshi: KalshiConfig;
  readonly ai: AiConfig;
  readonly schedules: SchedulesConfig;
  readonly notify: NotifyConfig;
  /** Every variable, safe to show: what the operator set versus what was defaulted. */
  readonly variables: { readonly [K in VariableName]: EffectiveVariable };
}
