/**
 * The chaos suite's knobs and its figures. Each test file records what it measured under
 * test-artifacts/chaos/<database>/<name>.json; test/chaos/run.ts merges them into
 * test-artifacts/chaos-summary.json. The bounded CI run and the full run differ only in these knobs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TEST_DATABASE_URL } from "../db.ts";

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}=${raw}: must be a whole number`);
  return n;
}

/**
 * Set by test/chaos/run.ts. Without it the chaos files skip themselves, so `npm test` does not run
 * the suite a second time (by hand: CHAOS_MODE=bounded bun test test/chaos/crash.test.ts).
 */
export const CHAOS_ENABLED = Boolean(process.env.CHAOS_MODE);
/** "full" (npm run test:chaos) or "bounded" (.ci/run). */
export const MODE = process.env.CHAOS_MODE === "full" ? "full" : "bounded";
/** kill -9 trials of the engine per database. */
export const CRASH_TRIALS = envInt("CHAOS_TRIALS", MODE === "full" ? 150 : 50);
/** fast-check cases per fuzzed parser. */
export const FUZZ_CASES = envInt("CHAOS_FUZZ_CASES", MODE === "full" ? 20_000 : 2_000);
/** Multiplier of the foundation concurrent-append stress (16 writers × 1,500 events at 1). */
export const APPEND_SCALE = envInt("CHAOS_APPEND_SCALE", MODE === "full" ? 10 : 1);
/** Seed of every random choice in the suite, printed with the figures so a run can be repeated. */
export const SEED = envInt("CHAOS_SEED", 20261124);

export const DATABASE = TEST_DATABASE_URL ? "postgresql" : "pglite";
const ROOT = join(import.meta.dir, "..", "..");
export const ARTIFACTS = join(ROOT, "test-artifacts", "chaos", DATABASE);

/** Writes one test file's figures; the runner merges every file's figures per database. */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    join(ARTIFACTS, `${name}.json`),
    `${JSON.stringify({ mode: MODE, seed: SEED, ...figures }, null, 2)}\n`,
  );
}
