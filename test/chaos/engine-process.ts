/**
 * The engine as a real child process (`bun engine/cli/main.ts …`), as test/e2e/crash-mid-order
 * runs it, so kill -9 hits a real process with real sockets and a real database connection.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

export interface EngineProcess {
  child: ChildProcess;
  done: Promise<number | null>;
  output(): string;
}

export function engineProcess(args: string[], env: Record<string, string>): EngineProcess {
  const child = spawn(process.execPath, ["engine/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const done = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, done, output: () => output };
}

/** Runs a command to its end; throws with its output when it does not exit 0. */
export async function runToEnd(args: string[], env: Record<string, string>): Promise<string> {
  const p = engineProcess(args, env);
  const code = await p.done;
  if (code !== 0) throw new Error(`${args.join(" ")} exited ${code}\n${p.output()}`);
  return p.output();
}

/**
 * A live engine on a prime-tier simulator with the limits out of the way, so every cycle has
 * something to trade: the crash and restart trials test recovery, and risk has its own tests.
 */
export const TRADE_EVERY_CYCLE: Record<string, string> = {
  KALSHI_TIER: "prime",
  TRADING_MODE: "live",
  LOG_LEVEL: "error",
  MAX_TRADES_PER_DAY: "100000",
  DAILY_BUDGET: "1000000",
  MIN_LIQUIDITY: "500",
  MAX_LOSSES_IN_STREAK: "100000",
  MAX_STOP_LOSSES_24H: "100000",
};
