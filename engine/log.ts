/**
 * Structured JSON logs, one object per line. Secrets are redacted by configuration: every secret
 * value the config holds is replaced wherever it appears, whatever field it hides in.
 */
export type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";
const ORDER: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

export interface Logger {
  log(level: Level, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(options: {
  level?: Level;
  secrets?: readonly string[];
  write?: (line: string) => void;
  base?: Record<string, unknown>;
  /** Wall time is fine for log stamps: they describe this process, not the trading world. */
  now?: () => number;
}): Logger {
  const min = ORDER[options.level ?? "info"];
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => Date.now());
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join("[redacted]"), text);
  const make = (base: Record<string, unknown>): Logger => {
    const log = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[level] < min) return;
      const line = JSON.stringify(
        { level, time: new Date(now()).toISOString(), msg, ...base, ...fields },
        (_k, v) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v),
      );
      write(redact(line));
    };
    return {
      log,
      info: (m, f) => log("info", m, f),
      warn: (m, f) => log("warn", m, f),
      error: (m, f) => log("error", m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.base ?? {});
}
