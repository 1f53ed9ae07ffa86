import { describe, expect, test } from "bun:test";
import { loadConfig, secretValues } from "./config/index.ts";
import { pemBodyLines, rsaKeyPair } from "./config/testing.ts";
import { createLogger, type Level } from "./log.ts";
import { noteLogContext, withLogContext } from "./log-context.ts";

const NOW = Date.parse("2026-03-02T10:00:00Z");

function capture(level: Level = "info", secrets: readonly string[] = [], base?: Record<string, unknown>) {
  const lines: string[] = [];
  const log = createLogger({ level, secrets, base, write: (l) => lines.push(l), now: () => NOW });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured lines", () => {
  test("one JSON object per line: level name, ISO time, message, base and fields", () => {
    const { log, lines, parsed } = capture("info", [], { account: "acct" });
    log.info("job done", { job: "daily-scan", ms: 12 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(parsed()[0]).toMatchObject({
      level: "info",
      time: "2026-03-02T10:00:00.000Z",
      msg: "job done",
      account: "acct",
      job: "daily-scan",
      ms: 12,
      pid: process.pid,
    });
  });

  test("lines below the level are dropped", () => {
    const { log, parsed } = capture("warn");
    log.info("quiet");
    log.log("debug", "quieter");
    log.warn("loud");
    log.error("louder");
    expect(parsed().map((l) => l.msg)).toEqual(["loud", "louder"]);
  });

  test("errors keep their type, message and stack under any field name", () => {
    const { log, parsed } = capture();
    log.error("job failed", { error: new RangeError("bad tier") });
    const error = parsed()[0]?.error as Record<string, unknown>;
    expect(error.type).toBe("RangeError");
    expect(error.message).toBe("bad tier");
    expect(String(error.stack)).toContain("log.test.ts");
  });

  test("child loggers add their fields to every line", () => {
    const { log, parsed } = capture();
    const job = log.child({ job: "stop-loss", run: 3 });
    job.child({ tradeId: "t-1" }).warn("sold");
    expect(parsed()[0]).toMatchObject({ job: "stop-loss", run: 3, tradeId: "t-1", msg: "sold" });
  });
});

describe("correlation from the log context", () => {
  test("lines inside a context carry its fields, and the correlation id noted once events are appended", async () => {
    const { log, parsed } = capture();
    await withLogContext({ job: "daily-scan", run: "daily-scan#1" }, async () => {
      log.info("scanning");
      await Promise.resolve();
      noteLogContext({ correlationId: "analysis-7" });
      log.info("placing");
    });
    log.info("outside");
    const [scanning, placing, outside] = parsed();
    expect(scanning).toMatchObject({ job: "daily-scan", run: "daily-scan#1" });
    expect(scanning?.correlationId).toBeUndefined();
    expect(placing).toMatchObject({ job: "daily-scan", correlationId: "analysis-7" });
    expect(outside?.job).toBeUndefined();
  });
});

describe("secrets never reach the output", () => {
  const { privatePem } = rsaKeyPair();
  const config = loadConfig({
    KALSHI_API_ID: "kalshi-key-id",
    KALSHI_PRIVATE_KEY: privatePem,
    ANTHROPIC_API_KEY: "sk-ant-PLANTED-anthropic-0001",
    DASHBOARD_PASSWORD: "PLANTED-dashboard-pw",
    API_TOKEN: "PLANTED-api-token-0123456789",
    DATABASE_URL: "postgres://conviction:PLANTED%2Fdb-pw@db.internal:5432/conviction",
  });
  const secrets = secretValues(config);

  test("a planted secret is scrubbed wherever it hides: message, field, nested object, error, child", () => {
    const { log, lines } = capture("info", secrets);
    log.info(`connecting with ${config.ai.apiKey}`);
    log.info("config", {
      key: config.ai.apiKey,
      nested: { deeper: { url: (config.database as { url: string }).url } },
    });
    log.error("signing failed", { error: new Error(`bad key ${privatePem}`) });
    log.child({ token: config.server.apiToken }).warn("login", { pw: config.server.dashboardPassword });
    log.info("pem in a field", { pem: privatePem, lines: privatePem.split("\n") });
    const out = lines.join("\n");
    expect(lines).toHaveLength(5);
    for (const s of secrets) expect(out).not.toContain(s);
    for (const line of pemBodyLines(privatePem)) expect(out).not.toContain(line);
    expect(out).not.toContain("PLANTED");
    expect(out).toContain("[redacted]");
  });

  test("fields named like credentials are censored by key, even when the value is not a known secret", () => {
    const { log, parsed } = capture();
    log.info("request", {
      headers: { authorization: "Bearer not-in-config", "set-cookie": "sid=abc" },
      ANTHROPIC_API_KEY: "sk-unknown",
      ai: { apiKey: "sk-other" },
    });
    const line = parsed()[0] as {
      headers: Record<string, string>;
      ANTHROPIC_API_KEY: string;
      ai: { apiKey: string };
    };
    expect(line.headers.authorization).toBe("[redacted]");
    expect(line.headers["set-cookie"]).toBe("[redacted]");
    expect(line.ANTHROPIC_API_KEY).toBe("[redacted]");
    expect(line.ai.apiKey).toBe("[redacted]");
  });
});
