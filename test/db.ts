import { randomBytes } from "node:crypto";
import type { Database } from "../engine/db/database.ts";
import { migrate } from "../engine/db/migrate.ts";
import { openPglite } from "../engine/db/pglite.ts";
import { openPostgres, type PostgresOptions } from "../engine/db/postgres.ts";

/** Set by .ci/run (and by anyone who wants the suite on real PostgreSQL). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase {
  db: Database;
  /** Connection URL of this test's own database (PostgreSQL only), for child processes. */
  url: string | null;
  /** A second, independent connection pool to the same database (PostgreSQL only). */
  connect(options?: PostgresOptions): Database;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a brand-new
 * database on the TEST_DATABASE_URL server, dropped afterwards. Runs never see each other's data.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; postgres?: PostgresOptions } = {},
): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const db = await openPglite(null);
    if (options.migrate !== false) await migrate(db);
    return {
      db,
      url: null,
      connect() {
        throw new Error("a second connection needs PostgreSQL (set TEST_DATABASE_URL)");
      },
      drop: () => db.close(),
    };
  }
  const name = `conviction_test_${randomBytes(6).toString("hex")}`;
  const admin = openPostgres(TEST_DATABASE_URL, { max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(TEST_DATABASE_URL, name);
  const db = openPostgres(url, options.postgres);
  const extra: Database[] = [];
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    url,
    connect(o) {
      // Tests kill connections on purpose; don't wait the production grace period for them.
      const d = openPostgres(url, { closeTimeoutSeconds: 0.5, ...o });
      extra.push(d);
      return d;
    },
    async drop() {
      await Promise.all([db, ...extra].map((d) => d.close()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** Tests that need several real connections run only on PostgreSQL; say so rather than fake it. */
export const onPostgres = Boolean(TEST_DATABASE_URL);
