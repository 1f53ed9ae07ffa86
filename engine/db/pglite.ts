import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable, Row } from "./database.ts";

/**
 * The embedded database: real Postgres compiled to WASM, persisted in a folder (or in memory for
 * tests). Single connection, so concurrency tests run on real PostgreSQL instead.
 */
export async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    removeTornLockFile(dataDir);
  }
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  return wrap(pg);
}

/**
 * A kill -9 while PGlite writes postmaster.pid leaves it empty or cut short, and PGlite then
 * refuses to start ("failed to initialize properly") until someone deletes it by hand: found by
 * test/chaos/crash.test.ts. A complete lock file, even a stale one, PGlite takes over by itself, so
 * only a torn one (no process id on its first line) is removed.
 */
function removeTornLockFile(dataDir: string): void {
  const path = join(dataDir, "postmaster.pid");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return; // no lock file: the last close was clean
  }
  const firstLine = text.split("\n", 1)[0] ?? "";
  if (!/^-?[1-9][0-9]*$/.test(firstLine.trim())) rmSync(path, { force: true });
}

/**
 * An in-memory database prepared once (e.g. migrated) and dumped: opening a copy from the dump
 * takes a fraction of a fresh initdb, which matters to backtests opening one scratch database
 * per run.
 */
export async function pgliteTemplate(prepare: (db: Database) => Promise<void>): Promise<Blob> {
  const pg = new PGlite();
  await pg.waitReady;
  await prepare(wrap(pg));
  const dump = await pg.dumpDataDir("none");
  await pg.close();
  return dump;
}

/** A fresh in-memory database, a copy of a template from pgliteTemplate. */
export async function openPgliteFrom(template: Blob): Promise<Database> {
  const pg = new PGlite({ loadDataDir: template });
  await pg.waitReady;
  return wrap(pg);
}

function wrap(pg: PGlite): Database {
  const query = async <T = Row>(text: string, params?: readonly unknown[]): Promise<T[]> => {
    const result = await pg.query<T>(text, params as unknown[] | undefined);
    return result.rows;
  };
  return {
    kind: "pglite",
    query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction(fn) {
      return pg.transaction((tx) =>
        fn({
          async query<T = Row>(text: string, params?: readonly unknown[]) {
            return (await tx.query<T>(text, params as unknown[] | undefined)).rows;
          },
        } satisfies Queryable),
      );
    },
    async listen(channel, onNotify) {
      const unlisten = await pg.listen(channel, onNotify);
      return async () => {
        await unlisten();
      };
    },
    async reserve() {
      return { query, release: async () => {} };
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
