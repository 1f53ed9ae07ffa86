/**
 * Structured JSON logs, one object per line, through pino. Secrets are redacted by configuration:
 * fields named like credentials are censored by pino's redact paths, and every secret value the
 * config holds is replaced wherever it appears (engine/log-redaction.ts). Lines written inside a
 * job carry its run and the correlation id of the events it appended (engine/log-context.ts).
 */
import pino from "pino";
import { logContext } from "./log-context.ts";
import { REDACTED, secretKeyPaths, valueRedactor } from "./log-redaction.ts";

export type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

export interface Logger {
  log(level: Level, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: Level;
  /** The secret values to scrub from every line: secretValues(config). */
  secrets?: readonly string[];
  /** Where each finished line goes (without its newline). Default: stdout. */
  write?: (line: string) => void;
  base?: Record<string, unknown>;
  /** Wall time is fine for log stamps: they describe this process, not the trading world. */
  now?: () => number;
}

/** Errors become { type, message, stack } under whichever field they are passed. */
function serializeErrors(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      out ??= { ...fields };
      out[key] = pino.stdSerializers.err(value);
    }
  }
  return out ?? fields;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => Date.now());
  const redactValues = valueRedactor(options.secrets ?? []);
  const root = pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid, ...options.base },
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: secretKeyPaths(), censor: REDACTED },
      mixin: () => logContext(),
      hooks: { streamWrite: redactValues },
    },
    { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) },
  );
  const wrap = (p: pino.Logger): Logger => {
    const log = (level: Level, msg: string, fields: Record<string, unknown> = {}) =>
      p[level](serializeErrors(fields), msg);
    return {
      log,
      info: (m, f) => log("info", m, f),
      warn: (m, f) => log("warn", m, f),
      error: (m, f) => log("error", m, f),
      child: (fields) => wrap(p.child(serializeErrors(fields))),
    };
  };
  return wrap(root);
}
