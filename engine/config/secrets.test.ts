import { describe, expect, test } from "bun:test";
import type { Config } from "./config.ts";
import { formatConfigError } from "./errors.ts";
import { loadConfig } from "./load.ts";
import { publicConfig } from "./public.ts";
import { secretValues } from "./secrets.ts";
import { configErrorFrom, pemBodyLines, rsaKeyPair } from "./testing.ts";
import { SECRET_VARIABLES } from "./variables.ts";

const { privatePem } = rsaKeyPair();

const SECRETS = {
  KALSHI_API_ID: "kalshi-key-id",
  KALSHI_PRIVATE_KEY: privatePem,
  ANTHROPIC_API_KEY: "sk-ant-SECRET-anthropic-0001",
  DASHBOARD_PASSWORD: "SECRET-dashboard-pw",
  API_TOKEN: "SECRET-api-token-0123456789",
  DATABASE_URL: "postgres://conviction:SECRET%2Fdb-pw@db.internal:5432/conviction?sslmode=require",
  NOTIFY_SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T000/B000/SECRETslack",
  NOTIFY_DISCORD_WEBHOOK_URL: "https://discord.com/api/webhooks/1/SECRETdiscord",
  NOTIFY_TELEGRAM_BOT_TOKEN: "123456789:SECRETtelegramtoken",
  NOTIFY_TELEGRAM_CHAT_ID: "-1009876543210",
  NOTIFY_WEBHOOK_URL: "https://hooks.example/SECRETwebhook",
  SESSION_SECRET: "SECRET-session-signing-key-0123456789",
};

/** Fails if any secret string, or any line of the private key, occurs in `text`. */
function expectNoSecrets(text: string, secrets: readonly string[]) {
  for (const secret of secrets) expect(text).not.toContain(secret);
  for (const line of pemBodyLines(privatePem)) expect(text).not.toContain(line);
}

describe("the list of secrets", () => {
  test("SECRET_VARIABLES names every credential-bearing variable", () => {
    expect<string[]>([...SECRET_VARIABLES].sort()).toEqual(
      [
        "AI_GATEWAY_KEY",
        "ANTHROPIC_API_KEY",
        "API_TOKEN",
        "DASHBOARD_PASSWORD",
        "DATABASE_URL",
        "KALSHI_PRIVATE_KEY",
        "NOTIFY_DISCORD_WEBHOOK_URL",
        "NOTIFY_SLACK_WEBHOOK_URL",
        "NOTIFY_TELEGRAM_BOT_TOKEN",
        "NOTIFY_TELEGRAM_CHAT_ID",
        "NOTIFY_WEBHOOK_URL",
        "SESSION_SECRET",
      ].sort(),
    );
  });

  test("secretValues returns the actual secret strings, in every form they could leak in", () => {
    const values = secretValues(loadConfig(SECRETS));
    expect(values).toContain(privatePem.trim());
    expect(values).toContain(privatePem.trim().replaceAll("\n", "\\n"));
    for (const name of [
      "ANTHROPIC_API_KEY",
      "DASHBOARD_PASSWORD",
      "API_TOKEN",
      "DATABASE_URL",
      "NOTIFY_SLACK_WEBHOOK_URL",
      "NOTIFY_DISCORD_WEBHOOK_URL",
      "NOTIFY_TELEGRAM_BOT_TOKEN",
      "NOTIFY_TELEGRAM_CHAT_ID",
      "NOTIFY_WEBHOOK_URL",
      "SESSION_SECRET",
    ] as const) {
      expect(values).toContain(SECRETS[name]);
    }
    expect(values).toContain("SECRET%2Fdb-pw");
    expect(values).toContain("SECRET/db-pw");
    expect(values).not.toContain("kalshi-key-id");
    expect(secretValues(loadConfig({}))).toEqual([]);
  });

  test("the gateway key is a secret value too", () => {
    const config = loadConfig({ AI_GATEWAY_KEY: "SECRET-gateway", ANTHROPIC_BASE_URL: "https://gw.example" });
    expect(secretValues(config)).toEqual(["SECRET-gateway"]);
  });
});

describe("publicConfig", () => {
  const config = loadConfig(SECRETS);
  const shown = publicConfig(config);

  test("contains no secret, however it is serialised", () => {
    expectNoSecrets(JSON.stringify(shown), secretValues(config));
    expectNoSecrets(Bun.inspect(shown), secretValues(config));
  });

  test("replaces each secret with whether it is configured", () => {
    expect(shown.server).toEqual({
      host: "127.0.0.1",
      port: 3000,
      dashboardPasswordConfigured: true,
      apiTokenConfigured: true,
    });
    expect(shown.kalshi).toMatchObject({ apiKeyId: "kalshi-key-id", privateKeyConfigured: true });
    expect(shown.ai).toMatchObject({ enabled: true, keySource: "anthropic" });
    expect(shown.notify).toEqual({
      slackConfigured: true,
      discordConfigured: true,
      telegramConfigured: true,
      webhookConfigured: true,
    });
    expect(shown.database).toEqual({
      kind: "postgres",
      url: "postgres://conviction:<redacted>@db.internal:5432/conviction?sslmode=require",
      passwordConfigured: true,
    });
    expect(shown.variables.API_TOKEN).toEqual({ source: "env", value: "<redacted>" });
  });

  test("keeps everything that is not secret", () => {
    const plain: Config = loadConfig({});
    const view = publicConfig(plain);
    expect(view.trading).toEqual(plain.trading);
    expect(view.schedules).toEqual(plain.schedules);
    expect(view.kalshi.privateKeyConfigured).toBe(false);
    expect(view.server.dashboardPasswordConfigured).toBe(false);
    expect(view.ai.enabled).toBe(false);
  });

  test("masks a password pasted into any URL", () => {
    const withCreds = loadConfig({ KALSHI_BASE_URL: "https://user:SECRETurlpw@sim.example/trade-api/v2" });
    expect(secretValues(withCreds)).toContain("SECRETurlpw");
    expectNoSecrets(JSON.stringify(publicConfig(withCreds)), secretValues(withCreds));
  });
});

describe("error messages", () => {
  test("never contain a secret, even when every secret is invalid", () => {
    const bad = {
      KALSHI_PRIVATE_KEY: privatePem.replace("PRIVATE KEY-----", "PRIVATE KEY-----\nSECRETgarbage"),
      ANTHROPIC_API_KEY: "SECRET anthropic with spaces",
      AI_GATEWAY_KEY: "SECRET gateway with spaces",
      DASHBOARD_PASSWORD: "SECRET1",
      API_TOKEN: "SECRETtoken",
      DATABASE_URL: "mysql://u:SECRETdbpw@host/db",
      NOTIFY_SLACK_WEBHOOK_URL: "SECRETslack",
      NOTIFY_DISCORD_WEBHOOK_URL: "SECRETdiscord",
      NOTIFY_TELEGRAM_BOT_TOKEN: "SECRET telegram",
      NOTIFY_TELEGRAM_CHAT_ID: "SECRETchat",
      NOTIFY_WEBHOOK_URL: "SECRETwebhook",
    };
    const err = configErrorFrom(() => loadConfig(bad));
    const text = [err.message, formatConfigError(err), JSON.stringify(err.problems), Bun.inspect(err)].join(
      "\n",
    );
    expect(text).not.toContain("SECRET");
    for (const line of pemBodyLines(privatePem)) expect(text).not.toContain(line);
    expect([...new Set(err.problems.map((p) => p.variable))].sort()).toEqual(Object.keys(bad).sort());
    expect(err.message).toContain("DATABASE_URL=<redacted>: must be a postgres:// or postgresql:// URL");
  });

  test("a DATABASE_URL that is not a postgres URL is redacted whole: it may be the password itself", () => {
    for (const value of ["host=db password=SECRETpw", "SECRETpw:", "mysql://u:SECRETpw@h/db"]) {
      const err = configErrorFrom(() => loadConfig({ DATABASE_URL: value }));
      expect(err.message).toBe("DATABASE_URL=<redacted>: must be a postgres:// or postgresql:// URL");
    }
  });

  test("a postgres URL is shown with only its password masked", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://app:SECRETpw@db:5432/app", DATA_DIR: "" });
    expect(config.variables.DATABASE_URL.value).toBe("postgres://app:<redacted>@db:5432/app");
    // An unencoded "/" in the password pushes part of it into the path: show nothing rather than that.
    const odd = loadConfig({ DATABASE_URL: "postgres://app:12/SECRETpw@db/app" });
    expect(odd.variables.DATABASE_URL.value).toBe("<redacted>");
    expect(secretValues(odd)).toContain("postgres://app:12/SECRETpw@db/app");
  });

  test("cross-field messages about secrets do not leak them", () => {
    const err = configErrorFrom(() =>
      loadConfig({ KALSHI_PRIVATE_KEY: privatePem, NOTIFY_TELEGRAM_BOT_TOKEN: "1:SECRET" }),
    );
    expect(err.message).toBe(
      [
        "KALSHI_PRIVATE_KEY=<redacted>: requires KALSHI_API_ID",
        "NOTIFY_TELEGRAM_BOT_TOKEN=<redacted>: requires NOTIFY_TELEGRAM_CHAT_ID",
      ].join("\n"),
    );
  });
});

describe("secrets in the wrong variable", () => {
  test("a key pasted into KALSHI_PRIVATE_KEY_PATH is refused without being shown", () => {
    const err = configErrorFrom(() =>
      loadConfig(
        { KALSHI_API_ID: "id", KALSHI_PRIVATE_KEY_PATH: privatePem.replaceAll("\n", "\\n") },
        { readFile: () => "" },
      ),
    );
    expect(err.message).toBe(
      "KALSHI_PRIVATE_KEY_PATH=<redacted>: holds a private key, which belongs in KALSHI_PRIVATE_KEY",
    );
  });

  test("a key or API key in any ordinary variable is redacted, even where the rule would quote it", () => {
    const err = configErrorFrom(() =>
      loadConfig({ SCHEDULE_DAILY_SCAN: privatePem, AI_MODEL: "sk-ant-api03-SECRET" }),
    );
    expect(err.message.split("\n")).toEqual([
      "AI_MODEL=<redacted>: holds an Anthropic API key, which belongs in ANTHROPIC_API_KEY",
      "SCHEDULE_DAILY_SCAN=<redacted>: holds a private key, which belongs in KALSHI_PRIVATE_KEY",
    ]);
  });
});
