import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, Queryable } from "./database.ts";

/** Ordered SQL files in schema/, named NNN_title.sql. Never edited once landed: checksums prove it. */
export const SCHEMA_DIR = fileURLToPath(new URL("../../schema/", import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: { version: number; name: string; appliedAt: string }[];
  pending: { version: number; name: string }[];
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;
/** Any constant works; it only has to be the same for every engine sharing the database. */
const MIGRATION_LOCK = 0x636f6e76; // "conv"

export function loadMigrations(dir: string = SCHEMA_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .map((file) => {
      const m = FILE.exec(file);
      if (!m) throw new MigrationError(`schema/${file}: migration files must be named NNN_title.sql`);
      const sql = readFileSync(join(dir, file), "utf8");
      return {
        version: Number(m[1]),
        name: m[2] ?? file,
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`schema/: expected migration ${i + 1}, found ${m.version}`);
  });
  return migrations;
}

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

async function appliedMigrations(q: Queryable) {
  return q.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
    "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version",
  );
}

/**
 * Applies every pending migration in one transaction, holding a transaction-scoped advisory lock so
 * that two engines starting together never both migrate. Refuses to run if a landed migration was edited.
 */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(CREATE_LEDGER);
    const applied = new Map((await appliedMigrations(tx)).map((r) => [r.version, r]));
    const ran: number[] = [];
    for (const m of migrations) {
      const done = applied.get(m.version);
      if (done) {
        if (done.checksum !== m.checksum) {
          throw new MigrationError(
            `schema migration ${String(m.version).padStart(3, "0")}_${m.name} was edited after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      // Statements run one by one through the transaction (exec would escape it on postgres.js).
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        m.checksum,
      ]);
      ran.push(m.version);
    }
    return ran;
  });
}

export async function migrationStatus(
  db: Database,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationStatus> {
  await db.query(CREATE_LEDGER);
  const applied = await appliedMigrations(db);
  const done = new Set(applied.map((r) => r.version));
  return {
    applied: applied.map((r) => ({
      version: r.version,
      name: r.name,
      appliedAt: new Date(r.applied_at).toISOString(),
    })),
    pending: migrations
      .filter((m) => !done.has(m.version))
      .map((m) => ({ version: m.version, name: m.name })),
  };
}

/**
 * Splits a migration into statements. Handles '…' strings, "…" identifiers, -- and block comments,
 * and $tag$ … $tag$ bodies (functions), which is all our schema files use.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const rest = sql.slice(i);
    if (rest.startsWith("--")) {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
      current += "\n";
      continue;
    }
    if (rest.startsWith("/*")) {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
      continue;
    }
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const tag = dollar[0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      current += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      current += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ";") {
      if (current.trim()) out.push(current.trim());
      current = "";
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
