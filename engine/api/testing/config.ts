import { type Config, loadConfig } from "../../config/index.ts";
import { rsaKeyPair } from "../../config/testing.ts";
import { ACCOUNT } from "./seed.ts";

/**
 * Configurations for API tests. `withSecrets` plants a value in every secret variable, so a test
 * can scan responses for each of them (secretValues lists them all).
 */
export const PASSWORD = "correct horse battery";
export const API_TOKEN = "tok_0123456789abcdef0123";

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    ACCOUNT_ID: ACCOUNT,
    TZ: "UTC",
    LOG_LEVEL: "fatal",
    PAPER_STARTING_BALANCE: "1000",
    ...env,
  });
}

let keys: ReturnType<typeof rsaKeyPair> | null = null;

export function configWithSecrets(extra: Record<string, string> = {}): Config {
  keys ??= rsaKeyPair();
  return testConfig({
    DASHBOARD_PASSWORD: PASSWORD,
    API_TOKEN,
    DATABASE_URL: "postgres://conviction:db-pass-PLANTED-77@db.internal:5432/conviction",
    KALSHI_API_ID: "kalshi-key-id-public",
    KALSHI_PRIVATE_KEY: keys.privatePem,
    ANTHROPIC_API_KEY: "sk-ant-PLANTED-anthropic-key-000000",
    NOTIFY_SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/PLANTED/SLACK/secret0001",
    NOTIFY_DISCORD_WEBHOOK_URL: "https://discord.com/api/webhooks/PLANTED/discordsecret",
    NOTIFY_TELEGRAM_BOT_TOKEN: "123456:PLANTED-telegram-token",
    NOTIFY_TELEGRAM_CHAT_ID: "-100987654321",
    NOTIFY_WEBHOOK_URL: "https://example.test/hook?password=PLANTEDhookpass",
    SESSION_SECRET: "session-secret-PLANTED-0123456789abcdef",
    ...extra,
  });
}
