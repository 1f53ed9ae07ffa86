/**
 * `npm run demo`: the full system offline. The Kalshi simulator runs in this process on an
 * accelerated clock (DEMO_SPEED simulated seconds per real second, default 60), the engine trades it
 * in live mode with the simulator's own fake-money key, and the dashboard is on http://localhost:3000.
 * Data goes to ./data/demo, apart from anything `npm start` keeps.
 */

import { startSimulator } from "../simulator/index.ts";
import { loadConfig, secretValues } from "./config/index.ts";
import { createLogger } from "./log.ts";
import { startApp } from "./serve.ts";

const speed = Number(process.env.DEMO_SPEED ?? 60);
const sim = await startSimulator({
  port: Number(process.env.SIM_PORT ?? 3100),
  seed: Number(process.env.SIM_SEED ?? 2026),
  markets: Number(process.env.SIM_MARKETS ?? 3000),
  clock: { mode: "accelerated", factor: speed },
  quiet: true,
});
const env = {
  DATA_DIR: "./data/demo",
  ...process.env,
  KALSHI_ENV: "custom",
  KALSHI_BASE_URL: sim.baseUrl,
  KALSHI_WS_URL: sim.wsUrl,
  KALSHI_API_ID: sim.apiKeyId,
  KALSHI_PRIVATE_KEY: sim.privateKeyPem,
  KALSHI_PRIVATE_KEY_PATH: "",
  TRADING_MODE: "live",
  // A simulated day passes in 24 real minutes at the default speed: keep the cache fresh per real minute.
  SCHEDULE_REFRESH_MARKETS: process.env.SCHEDULE_REFRESH_MARKETS ?? "0 * * * *",
};
const config = loadConfig(env);
const log = createLogger({ level: config.logLevel, secrets: secretValues(config), base: { demo: true } });
log.info("simulator ready", { rest: sim.baseUrl, markets: sim.exchange.catalog.markets.length, speed });
const app = await startApp(config, log, {
  clock: sim.clock,
  clockSpeed: speed,
  secrets: secretValues(config),
});
// Start with something to look at: the market cache and a first scan, then the schedule takes over.
await app.engine.scheduler.runNow("refresh-markets");
await app.engine.scheduler.runNow("daily-scan");
log.info("demo running", { dashboard: app.server.url });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void app
      .stop()
      .then(() => sim.stop())
      .finally(() => process.exit(0));
  });
}
