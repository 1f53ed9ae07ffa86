import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, loadConfig } from "../../engine/config/index.ts";
import { createLogger, type Logger } from "../../engine/log.ts";
import type { RunningSimulator } from "../../simulator/index.ts";

/** The environment that points an engine at a running simulator, with the sim's key. */
export function simulatorEnv(sim: RunningSimulator): Record<string, string> {
  return {
    KALSHI_ENV: "custom",
    KALSHI_BASE_URL: sim.baseUrl,
    KALSHI_WS_URL: sim.wsUrl,
    KALSHI_API_ID: sim.apiKeyId,
    KALSHI_PRIVATE_KEY: sim.privateKeyPem,
  };
}

/** A configuration pointing the engine at a running simulator, live mode, with the sim's key. */
export function simulatorConfig(sim: RunningSimulator, extra: Record<string, string> = {}): Config {
  return loadConfig({
    ...simulatorEnv(sim),
    TRADING_MODE: "live",
    DATA_DIR: mkdtempSync(join(tmpdir(), "conviction-e2e-")),
    TZ: "UTC",
    LOG_LEVEL: "error",
    ...extra,
  });
}

/** Logs collected in memory: tests read them instead of printing. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = createLogger({ level: "info", write: (l) => lines.push(l) });
  return Object.assign(log, { lines });
}
