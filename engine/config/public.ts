/**
 * The effective configuration with every secret gone, for the GraphQL `config` query and the
 * start-up log line. Secrets become "is it configured?" booleans: enough to debug with, nothing to
 * steal. URLs keep their shape but lose any password.
 */
import type { Micros } from "../money/money.ts";
import type {
  Config,
  EffectiveVariable,
  KalshiTier,
  LogLevel,
  SchedulesConfig,
  TradingConfig,
} from "./config.ts";
import type { KalshiEnv } from "./kalshi-urls.ts";
import { maskUrlPassword, REDACTED, showableDatabaseUrl, urlPasswords } from "./redact.ts";
import type { VariableName } from "./variables.ts";

export interface PublicConfig {
  readonly accountId: string;
  readonly timezone: string;
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  readonly trading: TradingConfig;
  readonly database:
    | { readonly kind: "pglite"; readonly dataDir: string }
    | { readonly kind: "postgres"; readonly url: string; readonly passwordConfigured: boolean };
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly dashboardPasswordConfigured: boolean;
    readonly apiTokenConfigured: boolean;
  };
  readonly kalshi: {
    readonly env: KalshiEnv;
    readonly restUrl: string;
    readonly wsUrl: string;
    readonly tier: KalshiTier;
    /** The key id is an identifier, not a credential: useful to confirm which key is in use. */
    readonly apiKeyId: string | null;
    readonly privateKeyConfigured: boolean;
  };
  readonly ai: {
    readonly enabled: boolean;
    readonly keySource: "anthropic" | "gateway" | null;
    readonly baseUrl: string | null;
    readonly model: string;
    readonly timeoutMs: number;
    readonly maxRetries: number;
    readonly dailyCostCap: Micros;
  };
  readonly schedules: SchedulesConfig;
  readonly notify: {
    readonly slackConfigured: boolean;
    readonly discordConfigured: boolean;
    readonly telegramConfigured: boolean;
    readonly webhookConfigured: boolean;
  };
  readonly variables: { readonly [K in VariableName]: EffectiveVariable };
}

/** A URL fit to show: password masked, or wholly redacted when it cannot be parsed. */
const safeUrl = (url: string): string => maskUrlPassword(url) ?? REDACTED;

export function publicConfig(config: Config): PublicConfig {
  const { database, server, kalshi, ai, notify } = config;
  return {
    accountId: config.accountId,
    timezone: config.timezone,
    logLevel: config.logLevel,
    dataDir: config.dataDir,
    trading: { ...config.trading },
    database:
      database.kind === "pglite"
        ? { kind: "pglite", dataDir: database.dataDir }
        : {
            kind: "postgres",
            url: showableDatabaseUrl(database.url) ?? REDACTED,
            passwordConfigured: urlPasswords(database.url).length > 0,
          },
    server: {
      host: server.host,
      port: server.port,
      dashboardPasswordConfigured: server.dashboardPassword !== null,
      apiTokenConfigured: server.apiToken !== null,
    },
    kalshi: {
      env: kalshi.env,
      restUrl: safeUrl(kalshi.restUrl),
      wsUrl: safeUrl(kalshi.wsUrl),
      tier: kalshi.tier,
      apiKeyId: kalshi.credentials?.apiKeyId ?? null,
      privateKeyConfigured: kalshi.credentials !== null,
    },
    ai: {
      enabled: ai.apiKey !== null,
      keySource: ai.keySource,
      baseUrl: ai.baseUrl === null ? null : safeUrl(ai.baseUrl),
      model: ai.model,
      timeoutMs: ai.timeoutMs,
      maxRetries: ai.maxRetries,
      dailyCostCap: ai.dailyCostCap,
    },
    schedules: { ...config.schedules },
    notify: {
      slackConfigured: notify.slackWebhookUrl !== null,
      discordConfigured: notify.discordWebhookUrl !== null,
      telegramConfigured: notify.telegram !== null,
      webhookConfigured: notify.webhookUrl !== null,
    },
    // Already redacted at load time.
    variables: config.variables,
  };
}
