/**
 * Runs the CLI in-process for tests, capturing what it prints. Output goes through the same
 * Output interface the terminal uses, so a test reads exactly what an operator would see.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventsBeyondHorizon } from "../../events/store/read.ts";
import { createTestDatabase, TEST_DATABASE_URL } from "../../test/db.ts";
import type { Database } from "../db/database.ts";
import { openDatabase } from "../db/open.ts";
import { allProjections } from "../projections/index.ts";
import { Projector } from "../projections/projector.ts";
import { runCli } from "./main.ts";
import type { Output } from "./output.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The --json document, parsed (undefined when the command printed none). */
  json: unknown;
}

export function memoryOutput(): Output & { stdout: string[]; stderr: string[]; docs: unknown[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const docs: unknown[] = [];
  return {
    stdout,
    stderr,
    docs,
    line: (text = "") => void stdout.push(text),
    error: (text) => void stderr.push(text),
    json: (value) => {
      // Round-trip, so a test sees what a machine reading stdout would parse.
      const text = JSON.stringify(value, null, 2);
      stdout.push(text);
      docs.push(JSON.parse(text));
    },
  };
}

export async function cli(argv: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  const out = memoryOutput();
  const code = await runCli(argv, env as NodeJS.ProcessEnv, out);
  return { code, stdout: out.stdout.join("\n"), stderr: out.stderr.join("\n"), json: out.docs.at(-1) };
}

/**
 * A database a CLI run can open from its environment: a PGlite directory by default, or a fresh
 * database on TEST_DATABASE_URL. `open()` gives the test its own connection to seed or inspect it;
 * close it before running a command (an embedded PGlite directory has one opener at a time).
 */
export async function cliTestDatabase(): Promise<{
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}> {
  if (TEST_DATABASE_URL) {
    const t = await createTestDatabase({ migrate: false });
    const url = t.url as string;
    return {
      env: { DATABASE_URL: url, TZ: "UTC", LOG_LEVEL: "error" },
      open: () => openDatabase({ kind: "postgres", url }),
      drop: () => t.drop(),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "conviction-cli-"));
  return {
    env: { DATA_DIR: dir, TZ: "UTC", LOG_LEVEL: "error" },
    open: () => openDatabase({ kind: "pglite", dataDir: dir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Waits until every committed event is readable, then catches the projections up. Readers only
 * see events below the snapshot horizon, which is cluster-wide on PostgreSQL: another test's open
 * transaction, in any database of the server, holds it back for a moment. A bounded wait on real
 * I/O, never a timer race.
 */
export async function settleLog(db: Database, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await eventsBeyondHorizon(db)) > 0) {
    if (performance.now() > deadline) throw new Error("events stayed beyond the snapshot horizon");
    await Bun.sleep(20);
  }
  await new Projector(db, allProjections).catchUp();
}
