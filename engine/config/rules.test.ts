import { describe, expect, test } from "bun:test";
import { problemLines } from "./testing.ts";

/** [variable, value, the exact problem line]. One rule per row, each on an otherwise default env. */
const RULES: [string, string, string][] = [
  ["ACCOUNT_ID", "Main", "ACCOUNT_ID=Main: must be 1 to 32 characters from a-z, 0-9, _ and -"],
  [
    "ACCOUNT_ID",
    "a".repeat(33),
    `ACCOUNT_ID=${"a".repeat(33)}: must be 1 to 32 characters from a-z, 0-9, _ and -`,
  ],
  ["TRADING_MODE", "LIVE", "TRADING_MODE=LIVE: must be one of paper, live"],
  ["TZ", "Mars/Olympus", "TZ=Mars/Olympus: must be an IANA time zone like UTC or America/New_York"],
  ["LOG_LEVEL", "verbose", "LOG_LEVEL=verbose: must be one of trace, debug, info, warn, error, fatal"],
  ["DAILY_BUDGET", "0", "DAILY_BUDGET=0: must be greater than 0"],
  ["DAILY_BUDGET", "-10", "DAILY_BUDGET=-10: must be greater than 0"],
  ["DAILY_BUDGET", "$100", "DAILY_BUDGET=$100: must be a dollar amount like 100 or 12.50"],
  ["DAILY_BUDGET", "1e3", "DAILY_BUDGET=1e3: must be a dollar amount like 100 or 12.50"],
  ["DAILY_BUDGET", "100.0000001", "DAILY_BUDGET=100.0000001: must have at most 6 decimal places"],
  ["MIN_ODDS", "1.4", "MIN_ODDS=1.4: must be between 0.5 and 0.99"],
  ["MIN_ODDS", "0.49", "MIN_ODDS=0.49: must be between 0.5 and 0.99"],
  ["MIN_ODDS", "85%", "MIN_ODDS=85%: must be a decimal like 0.85"],
  ["MAX_ODDS", "1", "MAX_ODDS=1: must be between 0.5 and 0.99"],
  ["MAX_DAYS_TO_RESOLUTION", "0", "MAX_DAYS_TO_RESOLUTION=0: must be at least 1"],
  ["MAX_DAYS_TO_RESOLUTION", "1.5", "MAX_DAYS_TO_RESOLUTION=1.5: must be a whole number"],
  ["MIN_LIQUIDITY", "-1", "MIN_LIQUIDITY=-1: must be at least 0"],
  ["MIN_POSITION_SIZE", "0", "MIN_POSITION_SIZE=0: must be greater than 0"],
  ["MAX_POSITION_SIZE", "fifty", "MAX_POSITION_SIZE=fifty: must be a dollar amount like 100 or 12.50"],
  ["MAX_TRADES_PER_DAY", "0", "MAX_TRADES_PER_DAY=0: must be at least 1"],
  ["MAX_TRADES_PER_DAY", "3.0", "MAX_TRADES_PER_DAY=3.0: must be a whole number"],
  ["MAX_TRADES_PER_DAY", "99999999999999999999", "MAX_TRADES_PER_DAY=99999999999999999999: is too large"],
  ["STOP_LOSS_THRESHOLD", "0", "STOP_LOSS_THRESHOLD=0: must be greater than 0"],
  ["STOP_LOSS_THRESHOLD", "-0.1", "STOP_LOSS_THRESHOLD=-0.1: must be greater than 0"],
  ["MAX_LOSSES_IN_STREAK", "-1", "MAX_LOSSES_IN_STREAK=-1: must be at least 1"],
  ["MAX_STOP_LOSSES_24H", "x", "MAX_STOP_LOSSES_24H=x: must be a whole number"],
  ["DATABASE_URL", "mysql://db/x", "DATABASE_URL=<redacted>: must be a postgres:// or postgresql:// URL"],
  ["HOST", "my host", "HOST=my host: must be a hostname or IP address like 127.0.0.1 or ::1"],
  ["PORT", "65536", "PORT=65536: must be between 0 and 65535"],
  ["PORT", "http", "PORT=http: must be a whole number"],
  ["DASHBOARD_PASSWORD", "short", "DASHBOARD_PASSWORD=<redacted>: must be at least 8 characters"],
  ["API_TOKEN", "too-short-token", "API_TOKEN=<redacted>: must be at least 16 characters"],
  ["SESSION_SECRET", "not-32-characters", "SESSION_SECRET=<redacted>: must be at least 32 characters"],
  ["KALSHI_ENV", "staging", "KALSHI_ENV=staging: must be one of production, demo, custom"],
  ["KALSHI_BASE_URL", "ftp://x/y", "KALSHI_BASE_URL=ftp://x/y: must be an http:// or https:// URL"],
  ["KALSHI_BASE_URL", "127.0.0.1:3100", "KALSHI_BASE_URL=127.0.0.1:3100: must be an http:// or https:// URL"],
  ["KALSHI_WS_URL", "https://x/ws", "KALSHI_WS_URL=https://x/ws: must be a ws:// or wss:// URL"],
  ["KALSHI_TIER", "gold", "KALSHI_TIER=gold: must be one of basic, advanced, premier, paragon, prime"],
  [
    "ANTHROPIC_BASE_URL",
    "localhost:8080",
    "ANTHROPIC_BASE_URL=localhost:8080: must be an http:// or https:// URL",
  ],
  ["AI_MODEL", "claude sonnet", "AI_MODEL=claude sonnet: must not contain spaces"],
  ["AI_TIMEOUT_MS", "0", "AI_TIMEOUT_MS=0: must be at least 1"],
  ["AI_MAX_RETRIES", "11", "AI_MAX_RETRIES=11: must be between 0 and 10"],
  ["AI_DAILY_COST_CAP", "-5", "AI_DAILY_COST_CAP=-5: must be at least 0"],
  ["SCHEDULE_DAILY_SCAN", "61 * * * *", "SCHEDULE_DAILY_SCAN=61 * * * *: Invalid value for minute: 61"],
  [
    "SCHEDULE_STOP_LOSS",
    "every 2 hours",
    "SCHEDULE_STOP_LOSS=every 2 hours: invalid configuration format ('every 2 hours'), exactly five, six, or seven space separated parts are required.",
  ],
  [
    "SCHEDULE_MORNING_REPORT",
    "0 0 7 * * * 2030",
    "SCHEDULE_MORNING_REPORT=0 0 7 * * * 2030: must have 5 fields (minute hour day month weekday) or 6 (with seconds first)",
  ],
  ["SCHEDULE_MONTHLY_ANALYSIS", "0 0 31 2 *", "SCHEDULE_MONTHLY_ANALYSIS=0 0 31 2 *: never fires"],
  [
    "NOTIFY_SLACK_WEBHOOK_URL",
    "hooks.slack.com/x",
    "NOTIFY_SLACK_WEBHOOK_URL=<redacted>: must be an http:// or https:// URL",
  ],
  [
    "NOTIFY_DISCORD_WEBHOOK_URL",
    "nope",
    "NOTIFY_DISCORD_WEBHOOK_URL=<redacted>: must be an http:// or https:// URL",
  ],
  ["NOTIFY_WEBHOOK_URL", "nope", "NOTIFY_WEBHOOK_URL=<redacted>: must be an http:// or https:// URL"],
];

describe("single-variable rules", () => {
  for (const [variable, value, line] of RULES) {
    test(`${variable}=${value}`, () => {
      expect(problemLines({ [variable]: value })).toEqual([line]);
    });
  }

  test("the Telegram token and chat id have their own shapes", () => {
    expect(
      problemLines({ NOTIFY_TELEGRAM_BOT_TOKEN: "not a token", NOTIFY_TELEGRAM_CHAT_ID: "general" }),
    ).toEqual([
      "NOTIFY_TELEGRAM_BOT_TOKEN=<redacted>: must look like 123456789:ABCdef... (from @BotFather)",
      "NOTIFY_TELEGRAM_CHAT_ID=<redacted>: must be a numeric chat id or @channelname",
    ]);
  });

  test("a problem stays on one line whatever the value holds", () => {
    expect(problemLines({ LOG_LEVEL: "info\nfatal" })).toEqual([
      "LOG_LEVEL=info\\nfatal: must be one of trace, debug, info, warn, error, fatal",
    ]);
  });

  test("very long values are shortened", () => {
    const [line] = problemLines({ AI_MODEL: `x ${"y".repeat(500)}` });
    expect(line?.length).toBeLessThan(200);
    expect(line).toEndWith("…: must not contain spaces");
  });
});

describe("problems are collected, not stopped at the first", () => {
  test("every bad variable is reported, in table order", () => {
    expect(
      problemLines({
        PORT: "-1",
        MIN_ODDS: "1.4",
        LOG_LEVEL: "loud",
        SCHEDULE_DAILY_SCAN: "61 * * * *",
        DAILY_BUDGET: "abc",
      }),
    ).toEqual([
      "LOG_LEVEL=loud: must be one of trace, debug, info, warn, error, fatal",
      "DAILY_BUDGET=abc: must be a dollar amount like 100 or 12.50",
      "MIN_ODDS=1.4: must be between 0.5 and 0.99",
      "PORT=-1: must be between 0 and 65535",
      "SCHEDULE_DAILY_SCAN=61 * * * *: Invalid value for minute: 61",
    ]);
  });
});
