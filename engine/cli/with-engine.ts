import { type Engine, startEngine } from "../app.ts";
import { secretValues } from "../config/index.ts";
import { createLogger } from "../log.ts";
import type { CommandContext } from "./command.ts";

export class NotLeaderError extends Error {
  override readonly name = "NotLeaderError";
}

/**
 * Runs a command against a full engine on the same start-up path as `npm start` (migrations,
 * projections, leadership, reconciliation), but with no timers and no live feed. Commands that
 * trade insist on leading: with another engine running, ask it through the API instead.
 */
export async function withEngine<T>(
  ctx: CommandContext,
  fn: (engine: Engine) => Promise<T>,
  options: { needsLeadership?: boolean } = {},
): Promise<T> {
  const config = ctx.config();
  const log = createLogger({
    level: "warn",
    secrets: secretValues(config),
    write: (line) => void process.stderr.write(`${line}\n`),
  });
  const engine = await startEngine(config, log, {
    schedule: "manual",
    realtime: false,
    secrets: secretValues(config),
  });
  try {
    if (options.needsLeadership && !engine.leadership.isLeader) {
      throw new NotLeaderError(
        "another engine is running for this account and leads; ask it instead (GraphQL runJob / the dashboard), or stop it first",
      );
    }
    return await fn(engine);
  } finally {
    await stopWithin(engine, STOP_DEADLINE_MS);
  }
}

/** A command's answer must not wait on a shutdown stuck behind a database that is restarting. */
const STOP_DEADLINE_MS = 15_000;

async function stopWithin(engine: Engine, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), ms);
  });
  const outcome = await Promise.race([engine.stop().then(() => "stopped" as const), late]);
  clearTimeout(timer);
  if (outcome === "late") process.stderr.write(`warning: the engine did not stop within ${ms / 1000} s\n`);
}
