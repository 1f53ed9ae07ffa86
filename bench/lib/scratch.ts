import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../../engine/db/database.ts";
import { migrate } from "../../engine/db/migrate.ts";
import { openPglite } from "../../engine/db/pglite.ts";
import { openPostgres } from "../../engine/db/postgres.ts";
import type { PgliteMode } from "./options.ts";

/**
 * Everything a bench creates outside its own memory (scratch databases, temp folders, pools) is
 * registered here until released, so an exception, Ctrl-C or SIGTERM still leaves nothing behind.
 */
const live = new Set<Resources>();

/** A cleanup that hangs (a pool waiting on a dead connection) must not keep the process alive. */
const CLEANUP_TIMEOUT_MS = 15_000;

export class Resources {
  readonly #stack: (() => Promise<void>)[] = [];
  #released: Promise<void> | null = null;

  constructor() {
    live.add(this);
  }

  /** Runs at release, in reverse order of registration (pools close before their database drops). */
  defer(cleanup: () => Promise<void>): void {
    this.#stack.push(cleanup);
  }

  /** Idempotent: the normal path and a signal handler may both call it and both wait for the end. */
  release(): Promise<void> {
    this.#released ??= this.#releaseAll();
    return this.#released;
  }

  async #releaseAll(): Promise<void> {
    live.delete(this);
    while (this.#stack.length) {
      const cleanup = this.#stack.pop();
      if (!cleanup) continue;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          console.error("bench cleanup timed out; continuing with the next one");
          resolve();
        }, CLEANUP_TIMEOUT_MS);
      });
      await Promise.race([cleanup(), timeout])
        .catch((error: unknown) => console.error("bench cleanup failed:", error))
        .finally(() => clearTimeout(timer));
    }
  }
}

export async function withResources<T>(fn: (res: Resources) => Promise<T>): Promise<T> {
  const res = new Resources();
  try {
    return await fn(res);
  } finally {
    await res.release();
  }
}

let signalsInstalled = false;

export function installSignalCleanup(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: removing scratch databases and folders…`);
      // Dropping WITH (FORCE) kills the bench's own connections; their errors are expected now.
      process.on("uncaughtException", () => {});
      process.on("unhandledRejection", () => {});
      void Promise.all([...live].map((r) => r.release())).finally(() => process.exit(code));
    });
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A brand-new database on the server; dropped WITH (FORCE) at release, even if a pool leaked. */
export async function scratchPostgres(res: Resources, serverUrl: string, label: string): Promise<string> {
  const name = `conviction_bench_${label}_${randomBytes(4).toString("hex")}`;
  const admin = openPostgres(serverUrl, { max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.close();
    throw error;
  }
  res.defer(async () => {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.close();
    }
  });
  return databaseUrl(serverUrl, name);
}

/** Our store on a scratch PostgreSQL database, migrated. */
export async function ourPostgres(res: Resources, serverUrl: string, label: string): Promise<Database> {
  const url = await scratchPostgres(res, serverUrl, label);
  const db = openPostgres(url, { max: 10 });
  res.defer(() => db.close());
  await migrate(db);
  return db;
}

/** PGlite in memory, or in a temp folder like the engine's data dir; migrated. */
export async function ourPglite(res: Resources, mode: PgliteMode): Promise<Database> {
  const dir = mode === "dir" ? mkdtempSync(join(tmpdir(), "conviction-bench-")) : null;
  if (dir) res.defer(async () => rmSync(dir, { recursive: true, force: true }));
  const db = await openPglite(dir);
  res.defer(() => db.close());
  await migrate(db);
  return db;
}
