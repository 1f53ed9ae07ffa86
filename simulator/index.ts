/**
 * A local Kalshi exchange that the official SDK cannot tell from the real one, for every endpoint
 * our engine uses. See README.md.
 *
 *   const sim = await startSimulator({ port: 0, seed: 7, clock: { mode: "manual", start } });
 *   const config = new Configuration({ basePath: sim.baseUrl, apiKey: sim.apiKeyId, privateKeyPem: sim.privateKeyPem });
 *   ...
 *   sim.exchange.advance(3_600_000);      // manual clock: one simulated hour
 *   await sim.stop();
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Clock, systemClock } from "../engine/time/clock.ts";
import { KeyRegistry, loadOrCreateKeyFiles, writeKeyJson } from "./auth/keys.ts";
import { type ClockMode, SimClock } from "./core/clock.ts";
import { Exchange } from "./exchange/exchange.ts";
import { startServer } from "./http/server.ts";
import { RateLimiter } from "./ratelimit/limiter.ts";
import { TIERS, type Tier } from "./ratelimit/tiers.ts";
import { loadScenario } from "./scenario/runner.ts";
import { loadScenarioFile, type ParsedScenario, parseScenario, type Scenario } from "./scenario/schema.ts";

export type { ClockMode } from "./core/clock.ts";
export { Exchange, type LedgerSnapshot } from "./exchange/exchange.ts";
export type { Tier } from "./ratelimit/tiers.ts";
export { type Action, parseScenario, type Scenario, ScenarioError } from "./scenario/schema.ts";

export interface SimulatorOptions {
  /** 0 = a random free port. Default: SIM_PORT or 3100. */
  port?: number;
  hostname?: string;
  /** Default: SIM_SEED or 1. */
  seed?: number;
  /** Catalog size. Default: SIM_MARKETS or 2000. */
  markets?: number;
  tier?: Tier;
  /** Default: SIM_SPEED → accelerated, else real time. */
  clock?: ClockMode;
  scenarioFile?: string;
  scenario?: Scenario;
  /** Where the API key JSON + PEM live (reused if present). Default: a fresh temp directory. */
  keyDir?: string;
  /** Default $10,000. */
  startingBalanceCents?: number;
  quiet?: boolean;
  /** Real-time ms between WebSocket heartbeat pings. Default 10,000 as Kalshi. */
  heartbeatMs?: number;
  /** Allowed |signed timestamp − wall clock|. Default 5,000 ms. */
  authWindowMs?: number;
  /** Real-time ms between background syncs of a running clock. Default 100. */
  tickMs?: number;
  /** The real wall clock (tests may inject one). */
  wallClock?: Clock;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT/trade-api/v2 */
  baseUrl: string;
  /** ws://127.0.0.1:PORT/trade-api/ws/v2 */
  wsUrl: string;
  /** http://127.0.0.1:PORT/sim */
  controlUrl: string;
  apiKeyId: string;
  privateKeyPem: string;
  /** JSON with key_id, private_key_path, base_url, ws_url. */
  keyFile: string;
  /** The private key PEM file (KALSHI_PRIVATE_KEY_PATH). */
  pemFile: string;
  exchange: Exchange;
  clock: SimClock;
  keys: KeyRegistry;
  limiter: RateLimiter;
  stop(): Promise<void>;
}

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new RangeError(`${name}=${raw} is not a number`);
  return n;
}

function defaultClock(): ClockMode {
  const speed = envInt("SIM_SPEED");
  return speed !== undefined && speed !== 1 ? { mode: "accelerated", factor: speed } : { mode: "real" };
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const wall = opts.wallClock ?? systemClock;
  const log = opts.quiet ? () => {} : (m: string) => console.error(`[kalshi-sim] ${m}`);
  const tier = opts.tier ?? "basic";
  if (!TIERS.includes(tier)) throw new RangeError(`tier must be one of ${TIERS.join(", ")}`);
  const clock = new SimClock(opts.clock ?? defaultClock(), wall);
  let scenario: ParsedScenario | undefined;
  const scenarioFile = opts.scenarioFile ?? process.env.SIM_SCENARIO;
  if (opts.scenario) scenario = parseScenario(opts.scenario);
  else if (scenarioFile) scenario = await loadScenarioFile(scenarioFile);

  const exchange = new Exchange({
    seed: opts.seed ?? envInt("SIM_SEED") ?? 1,
    markets: opts.markets ?? envInt("SIM_MARKETS") ?? 2000,
    clock,
    wall,
    startingBalanceCents: opts.startingBalanceCents ?? 1_000_000,
  });
  if (scenario) loadScenario(exchange, scenario, exchange.t0);

  const keyDir = opts.keyDir ?? mkdtempSync(join(tmpdir(), "kalshi-sim-"));
  const files = loadOrCreateKeyFiles(keyDir);
  const keys = new KeyRegistry();
  keys.register(files.keyId, files.publicKeyPem, exchange.defaultUserId);
  const limiter = new RateLimiter(tier, wall);

  const running = startServer({
    exchange,
    keys,
    limiter,
    wall,
    port: opts.port ?? envInt("SIM_PORT") ?? 3100,
    hostname: opts.hostname ?? "127.0.0.1",
    authWindowMs: opts.authWindowMs ?? 5000,
    heartbeatMs: opts.heartbeatMs ?? 10_000,
    tickMs: opts.tickMs ?? 100,
    log,
  });
  writeKeyJson(files.keyFile, {
    key_id: files.keyId,
    private_key_path: files.pemFile,
    base_url: running.baseUrl,
    ws_url: running.wsUrl,
  });
  log(
    `Kalshi simulator on ${running.baseUrl} (${exchange.catalog.markets.length} markets, clock ${clock.mode}, tier ${tier})`,
  );

  return {
    baseUrl: running.baseUrl,
    wsUrl: running.wsUrl,
    controlUrl: running.baseUrl.replace(/\/trade-api\/v2$/, "/sim"),
    apiKeyId: files.keyId,
    privateKeyPem: files.privateKeyPem,
    keyFile: files.keyFile,
    pemFile: files.pemFile,
    exchange,
    clock,
    keys,
    limiter,
    stop: () => running.stop(),
  };
}
