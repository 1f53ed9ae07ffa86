/**
 * `npm run sim`: starts the Kalshi simulator and prints how to point a client at it.
 *
 *   SIM_PORT (3100)  SIM_SEED (1)  SIM_MARKETS (2000)  SIM_SPEED (accelerate factor; 10080 = a week
 *   a minute)  SIM_SCENARIO (scenario JSON file)  SIM_TIER (basic)  SIM_KEY_DIR (.sim)
 */
import { resolve } from "node:path";
import { startSimulator } from "./index.ts";
import type { Tier } from "./ratelimit/tiers.ts";

const keyDir = resolve(process.env.SIM_KEY_DIR ?? ".sim");
const sim = await startSimulator({ keyDir, tier: (process.env.SIM_TIER as Tier | undefined) ?? "basic" });

console.log(`Kalshi simulator ready.
  REST base URL   ${sim.baseUrl}
  WebSocket URL   ${sim.wsUrl}
  Control API     ${sim.controlUrl}/status
  API key file    ${sim.keyFile}
  Private key     ${sim.pemFile}

Point a client at it:
  export KALSHI_BASE_URL=${sim.baseUrl}
  export KALSHI_WS_URL=${sim.wsUrl}
  export KALSHI_API_ID=${sim.apiKeyId}
  export KALSHI_PRIVATE_KEY_PATH=${sim.pemFile}
`);

const shutdown = async () => {
  await sim.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
