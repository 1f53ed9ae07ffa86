import { describe, expect, test } from "bun:test";
import { loadConfig } from "./load.ts";
import { VARIABLE_NAMES, VARIABLES } from "./variables.ts";

describe("defaults", () => {
  const config = loadConfig({});

  test("an empty environment loads with the documented defaults", () => {
    expect(config.accountId).toBe("default");
    expect(config.timezone).toBe("UTC");
    expect(config.logLevel).toBe("info");
    expect(config.dataDir).toBe("./data");
    expect(config.trading).toEqual({
      mode: "paper",
      dailyBudget: 100_000_000,
      minOdds: 850_000,
      maxOdds: 980_000,
      maxDaysToResolution: 2,
      minLiquidity: 2_000_000_000,
      minPositionSize: 20_000_000,
      maxPositionSize: 50_000_000,
      maxTradesPerDay: 3,
      stopLossThreshold: 800_000,
      maxLossesInStreak: 5,
      maxStopLosses24h: 3,
      paperStartingBalance: 1_000_000_000,
    } as never);
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(config.server).toEqual({
      host: "127.0.0.1",
      port: 3000,
      dashboardPassword: null,
      apiToken: null,
      sessionSecret: null,
    });
    expect(config.kalshi).toEqual({
      env: "production",
      restUrl: "https://external-api.kalshi.com/trade-api/v2",
      wsUrl: "wss://external-api-ws.kalshi.com/trade-api/ws/v2",
      tier: "basic",
      credentials: null,
    });
    expect(config.ai).toEqual({
      apiKey: null,
      keySource: null,
      baseUrl: null,
      model: "claude-sonnet-4-6",
      timeoutMs: 60_000,
      maxRetries: 2,
      dailyCostCap: 5_000_000,
    } as never);
    expect(config.schedules).toEqual({
      timezone: "UTC",
      refreshMarkets: "*/5 * * * *",
      dailyScan: "0 8 * * *",
      morningReport: "0 7 * * *",
      stopLoss: "0 */2 * * *",
      checkResolutions: "0 */6 * * *",
      monthlyAnalysis: "0 0 1 * *",
    });
    expect(config.notify).toEqual({
      slackWebhookUrl: null,
      discordWebhookUrl: null,
      telegram: null,
      webhookUrl: null,
      telegramApiUrl: "https://api.telegram.org",
    });
  });

  test("every default passes its own rule", () => {
    for (const name of VARIABLE_NAMES) {
      const fallback: string | undefined = (VARIABLES[name] as { default?: string }).default;
      if (fallback !== undefined) expect(VARIABLES[name].schema.safeParse(fallback).success).toBe(true);
    }
  });

  test("the config is deeply frozen", () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.trading)).toBe(true);
    expect(Object.isFrozen(config.variables.MIN_ODDS)).toBe(true);
    expect(() => {
      (config.trading as { maxTradesPerDay: number }).maxTradesPerDay = 99;
    }).toThrow();
  });

  test("variables records where each value came from", () => {
    const loaded = loadConfig({ MIN_ODDS: "0.9" });
    expect(loaded.variables.MIN_ODDS).toEqual({ source: "env", value: "0.9" });
    expect(loaded.variables.MAX_ODDS).toEqual({ source: "default", value: "0.98" });
    expect(loaded.variables.DATABASE_URL).toEqual({ source: "unset", value: null });
  });
});

describe("reading values", () => {
  test("empty and blank strings count as unset; surrounding whitespace is ignored", () => {
    const config = loadConfig({
      DAILY_BUDGET: "",
      MIN_ODDS: "   ",
      MAX_TRADES_PER_DAY: " 4\n",
      DATABASE_URL: "",
    });
    expect<number>(config.trading.dailyBudget).toBe(100_000_000);
    expect<number>(config.trading.minOdds).toBe(850_000);
    expect(config.trading.maxTradesPerDay).toBe(4);
    expect(config.database.kind).toBe("pglite");
  });

  test("dollars and prices are exact micros, never float-rounded", () => {
    const config = loadConfig({
      DAILY_BUDGET: "1000.01",
      MAX_POSITION_SIZE: "333.333333",
      MIN_ODDS: "0.57",
      MAX_ODDS: ".99",
      STOP_LOSS_THRESHOLD: "0.290001",
      AI_DAILY_COST_CAP: "0",
    });
    expect<number>(config.trading.dailyBudget).toBe(1_000_010_000);
    expect<number>(config.trading.maxPositionSize).toBe(333_333_333);
    expect<number>(config.trading.minOdds).toBe(570_000); // 0.57 * 1e6 is 569999.9999999999 in floats
    expect<number>(config.trading.maxOdds).toBe(990_000);
    expect<number>(config.trading.stopLossThreshold).toBe(290_001);
    expect<number>(config.ai.dailyCostCap).toBe(0);
  });

  test("whole numbers are plain integers", () => {
    expect(Object.is(loadConfig({ PORT: "-0" }).server.port, 0)).toBe(true);
    expect(loadConfig({ PORT: "08080" }).server.port).toBe(8080);
  });

  test("DATABASE_URL selects PostgreSQL", () => {
    const url = "postgresql://conviction:pw@db.internal:5432/conviction";
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: "postgres", url });
  });

  test("TZ is stored in canonical spelling", () => {
    expect(loadConfig({ TZ: "america/new_york" }).timezone).toBe("America/New_York");
    expect(loadConfig({ TZ: "Europe/London" }).schedules.timezone).toBe("Europe/London");
  });

  test("six-field (seconds) schedules and croner nicknames are accepted", () => {
    const config = loadConfig({ SCHEDULE_DAILY_SCAN: "30 0 8 * * *", SCHEDULE_MONTHLY_ANALYSIS: "@monthly" });
    expect(config.schedules.dailyScan).toBe("30 0 8 * * *");
    expect(config.schedules.monthlyAnalysis).toBe("@monthly");
  });

  test("AI key, gateway and notifications are carried through", () => {
    const gateway = loadConfig({
      AI_GATEWAY_KEY: "gw-key",
      ANTHROPIC_BASE_URL: "https://ai-gateway.example/v1/",
    });
    expect(gateway.ai).toMatchObject({
      apiKey: "gw-key",
      keySource: "gateway",
      baseUrl: "https://ai-gateway.example/v1",
    });
    expect(loadConfig({ ANTHROPIC_API_KEY: "sk-ant-x" }).ai).toMatchObject({
      apiKey: "sk-ant-x",
      keySource: "anthropic",
    });
    const notify = loadConfig({
      NOTIFY_TELEGRAM_BOT_TOKEN: "123456:ABC-def_ghi",
      NOTIFY_TELEGRAM_CHAT_ID: "-100123",
      NOTIFY_WEBHOOK_URL: "https://hooks.example/x",
    }).notify;
    expect(notify.telegram).toEqual({ botToken: "123456:ABC-def_ghi", chatId: "-100123" });
    expect(notify.webhookUrl).toBe("https://hooks.example/x");
  });
});

describe("Kalshi URLs", () => {
  test("demo has its own REST and WebSocket hosts", () => {
    const { kalshi } = loadConfig({ KALSHI_ENV: "demo" });
    expect(kalshi.restUrl).toBe("https://external-api.demo.kalshi.co/trade-api/v2");
    expect(kalshi.wsUrl).toBe("wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2");
  });

  test("a custom http base URL derives ws:// on the same host and port", () => {
    const { kalshi } = loadConfig({
      KALSHI_ENV: "custom",
      KALSHI_BASE_URL: "http://127.0.0.1:3100/trade-api/v2/",
    });
    expect(kalshi.restUrl).toBe("http://127.0.0.1:3100/trade-api/v2");
    expect(kalshi.wsUrl).toBe("ws://127.0.0.1:3100/trade-api/ws/v2");
  });

  test("an https base URL derives wss://, and KALSHI_WS_URL wins over derivation", () => {
    expect(loadConfig({ KALSHI_BASE_URL: "https://sim.example/trade-api/v2" }).kalshi.wsUrl).toBe(
      "wss://sim.example/trade-api/ws/v2",
    );
    const explicit = loadConfig({
      KALSHI_BASE_URL: "https://sim.example/trade-api/v2",
      KALSHI_WS_URL: "wss://ws.example/x",
    });
    expect(explicit.kalshi.wsUrl).toBe("wss://ws.example/x");
  });

  test("setting a known environment's REST URL keeps that environment's WebSocket host", () => {
    const { kalshi } = loadConfig({ KALSHI_BASE_URL: "https://external-api.demo.kalshi.co/trade-api/v2" });
    expect(kalshi.wsUrl).toBe("wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2");
  });
});
