import { describe, expect, test } from "bun:test";
import { loadConfig } from "./load.ts";
import { configErrorFrom, problemLines, rsaKeyPair } from "./testing.ts";

const { privatePem } = rsaKeyPair();

describe("trading limits that depend on each other", () => {
  test("MIN_ODDS must be below MAX_ODDS, and the message names both", () => {
    expect(problemLines({ MIN_ODDS: "0.95", MAX_ODDS: "0.9" })).toEqual([
      "MIN_ODDS=0.95: must be less than MAX_ODDS (0.9)",
    ]);
    expect(problemLines({ MIN_ODDS: "0.9", MAX_ODDS: "0.90" })).toEqual([
      "MIN_ODDS=0.9: must be less than MAX_ODDS (0.90)",
    ]);
  });

  test("the variable the operator set is blamed, not the default it collides with", () => {
    expect(problemLines({ MAX_ODDS: "0.8" })).toEqual(["MAX_ODDS=0.8: must be greater than MIN_ODDS (0.85)"]);
    expect(problemLines({ MIN_ODDS: "0.99" })).toEqual(["MIN_ODDS=0.99: must be less than MAX_ODDS (0.98)"]);
  });

  test("STOP_LOSS_THRESHOLD must be below MIN_ODDS", () => {
    expect(problemLines({ STOP_LOSS_THRESHOLD: "0.85" })).toEqual([
      "STOP_LOSS_THRESHOLD=0.85: must be less than MIN_ODDS (0.85)",
    ]);
    expect(problemLines({ MIN_ODDS: "0.75" })).toEqual([
      "MIN_ODDS=0.75: must be greater than STOP_LOSS_THRESHOLD (0.80)",
    ]);
  });

  test("MIN_POSITION_SIZE <= MAX_POSITION_SIZE <= DAILY_BUDGET", () => {
    expect(problemLines({ MIN_POSITION_SIZE: "60" })).toEqual([
      "MIN_POSITION_SIZE=60: must be at most MAX_POSITION_SIZE (50)",
    ]);
    expect(problemLines({ MAX_POSITION_SIZE: "150" })).toEqual([
      "MAX_POSITION_SIZE=150: must be at most DAILY_BUDGET (100)",
    ]);
    expect(problemLines({ DAILY_BUDGET: "40" })).toEqual([
      "DAILY_BUDGET=40: must be at least MAX_POSITION_SIZE (50)",
    ]);
    expect(problemLines({ MIN_POSITION_SIZE: "30", MAX_POSITION_SIZE: "25" })).toEqual([
      "MIN_POSITION_SIZE=30: must be at most MAX_POSITION_SIZE (25)",
    ]);
    // Equal is allowed: one fixed position size, spending the whole budget.
    expect(() =>
      loadConfig({ MIN_POSITION_SIZE: "50", MAX_POSITION_SIZE: "50", DAILY_BUDGET: "50" }),
    ).not.toThrow();
  });

  test("a value that failed its own rule does not cascade into cross-field noise", () => {
    expect(problemLines({ MIN_ODDS: "1.4", STOP_LOSS_THRESHOLD: "0.9" })).toEqual([
      "MIN_ODDS=1.4: must be between 0.5 and 0.99",
    ]);
  });
});

describe("settings that come in pairs", () => {
  test("live trading requires Kalshi credentials", () => {
    expect(problemLines({ TRADING_MODE: "live" })).toEqual([
      "TRADING_MODE=live: requires KALSHI_API_ID and KALSHI_PRIVATE_KEY (or KALSHI_PRIVATE_KEY_PATH)",
    ]);
    const live = loadConfig({
      TRADING_MODE: "live",
      KALSHI_API_ID: "key-id",
      KALSHI_PRIVATE_KEY: privatePem,
    });
    expect(live.trading.mode).toBe("live");
    expect(live.kalshi.credentials?.apiKeyId).toBe("key-id");
  });

  test("half a credential is refused in any mode, on the half that was set", () => {
    expect(problemLines({ KALSHI_API_ID: "key-id" })).toEqual([
      "KALSHI_API_ID=key-id: requires KALSHI_PRIVATE_KEY or KALSHI_PRIVATE_KEY_PATH",
    ]);
    expect(problemLines({ TRADING_MODE: "live", KALSHI_PRIVATE_KEY: privatePem })).toEqual([
      "KALSHI_PRIVATE_KEY=<redacted>: requires KALSHI_API_ID",
    ]);
  });

  test("KALSHI_ENV=custom requires KALSHI_BASE_URL", () => {
    expect(problemLines({ KALSHI_ENV: "custom" })).toEqual(["KALSHI_ENV=custom: requires KALSHI_BASE_URL"]);
  });

  test("one AI key, and a gateway key only with a gateway URL", () => {
    expect(
      problemLines({
        ANTHROPIC_API_KEY: "sk-a",
        AI_GATEWAY_KEY: "gw",
        ANTHROPIC_BASE_URL: "https://gw.example",
      }),
    ).toEqual(["AI_GATEWAY_KEY=<redacted>: set only one of ANTHROPIC_API_KEY or AI_GATEWAY_KEY"]);
    expect(problemLines({ AI_GATEWAY_KEY: "gw" })).toEqual([
      "AI_GATEWAY_KEY=<redacted>: requires ANTHROPIC_BASE_URL",
    ]);
  });

  test("Telegram needs both token and chat", () => {
    expect(problemLines({ NOTIFY_TELEGRAM_BOT_TOKEN: "1:abc" })).toEqual([
      "NOTIFY_TELEGRAM_BOT_TOKEN=<redacted>: requires NOTIFY_TELEGRAM_CHAT_ID",
    ]);
    expect(problemLines({ NOTIFY_TELEGRAM_CHAT_ID: "@alerts" })).toEqual([
      "NOTIFY_TELEGRAM_CHAT_ID=<redacted>: requires NOTIFY_TELEGRAM_BOT_TOKEN",
    ]);
  });
});

describe("the error itself", () => {
  test("per-variable and cross-field problems arrive together, structured and as lines", () => {
    const err = configErrorFrom(() =>
      loadConfig({
        MIN_ODDS: "0.95",
        MAX_ODDS: "0.9",
        PORT: "99999",
        TRADING_MODE: "live",
        KALSHI_ENV: "custom",
      }),
    );
    expect(err.name).toBe("ConfigError");
    expect(err.problems).toEqual([
      {
        variable: "TRADING_MODE",
        value: "live",
        rule: "requires KALSHI_API_ID and KALSHI_PRIVATE_KEY (or KALSHI_PRIVATE_KEY_PATH)",
      },
      { variable: "MIN_ODDS", value: "0.95", rule: "must be less than MAX_ODDS (0.9)" },
      { variable: "PORT", value: "99999", rule: "must be between 0 and 65535" },
      { variable: "KALSHI_ENV", value: "custom", rule: "requires KALSHI_BASE_URL" },
    ]);
    expect(err.message.split("\n")).toHaveLength(4);
  });
});
