/** Turns fully validated variables into the nested Config. Runs only once nothing is wrong. */
import type { Config, EffectiveVariable } from "./config.ts";
import { resolveKalshiUrls } from "./kalshi-urls.ts";
import type { ParsedEnv, VariableName } from "./variables.ts";

export function buildConfig(
  v: ParsedEnv,
  privateKeyPem: string | null,
  variables: { readonly [K in VariableName]: EffectiveVariable },
): Config {
  const aiKeySource =
    v.ANTHROPIC_API_KEY !== undefined ? "anthropic" : v.AI_GATEWAY_KEY !== undefined ? "gateway" : null;
  return {
    accountId: v.ACCOUNT_ID,
    timezone: v.TZ,
    logLevel: v.LOG_LEVEL,
    dataDir: v.DATA_DIR,
    trading: {
      mode: v.TRADING_MODE,
      dailyBudget: v.DAILY_BUDGET,
      minOdds: v.MIN_ODDS,
      maxOdds: v.MAX_ODDS,
      maxDaysToResolution: v.MAX_DAYS_TO_RESOLUTION,
      minLiquidity: v.MIN_LIQUIDITY,
      minPositionSize: v.MIN_POSITION_SIZE,
      maxPositionSize: v.MAX_POSITION_SIZE,
      maxTradesPerDay: v.MAX_TRADES_PER_DAY,
      stopLossThreshold: v.STOP_LOSS_THRESHOLD,
      maxLossesInStreak: v.MAX_LOSSES_IN_STREAK,
      maxStopLosses24h: v.MAX_STOP_LOSSES_24H,
      paperStartingBalance: v.PAPER_STARTING_BALANCE,
    },
    database:
      v.DATABASE_URL === undefined
        ? { kind: "pglite", dataDir: v.DATA_DIR }
        : { kind: "postgres", url: v.DATABASE_URL },
    server: {
      host: v.HOST,
      port: v.PORT,
      dashboardPassword: v.DASHBOARD_PASSWORD ?? null,
      apiToken: v.API_TOKEN ?? null,
      sessionSecret: v.SESSION_SECRET ?? null,
    },
    kalshi: {
      env: v.KALSHI_ENV,
      ...resolveKalshiUrls(v.KALSHI_ENV, v.KALSHI_BASE_URL, v.KALSHI_WS_URL),
      tier: v.KALSHI_TIER,
      credentials:
        v.KALSHI_API_ID !== undefined && privateKeyPem !== null
          ? { apiKeyId: v.KALSHI_API_ID, privateKeyPem }
          : null,
    },
    ai: {
      apiKey: v.ANTHROPIC_API_KEY ?? v.AI_GATEWAY_KEY ?? null,
      keySource: aiKeySource,
      baseUrl: v.ANTHROPIC_BASE_URL ?? null,
      model: v.AI_MODEL,
      timeoutMs: v.AI_TIMEOUT_MS,
      maxRetries: v.AI_MAX_RETRIES,
      dailyCostCap: v.AI_DAILY_COST_CAP,
    },
    schedules: {
      timezone: v.TZ,
      refreshMarkets: v.SCHEDULE_REFRESH_MARKETS,
      dailyScan: v.SCHEDULE_DAILY_SCAN,
      morningReport: v.SCHEDULE_MORNING_REPORT,
      stopLoss: v.SCHEDULE_STOP_LOSS,
      checkResolutions: v.SCHEDULE_CHECK_RESOLUTIONS,
      monthlyAnalysis: v.SCHEDULE_MONTHLY_ANALYSIS,
    },
    notify: {
      slackWebhookUrl: v.NOTIFY_SLACK_WEBHOOK_URL ?? null,
      discordWebhookUrl: v.NOTIFY_DISCORD_WEBHOOK_URL ?? null,
      telegram:
        v.NOTIFY_TELEGRAM_BOT_TOKEN !== undefined && v.NOTIFY_TELEGRAM_CHAT_ID !== undefined
          ? { botToken: v.NOTIFY_TELEGRAM_BOT_TOKEN, chatId: v.NOTIFY_TELEGRAM_CHAT_ID }
          : null,
      webhookUrl: v.NOTIFY_WEBHOOK_URL ?? null,
      telegramApiUrl: v.NOTIFY_TELEGRAM_API_URL,
    },
    variables,
  };
}
