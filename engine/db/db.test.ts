import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendToStream } from "../../events/store/append.ts";
import { readStream } from "../../events/store/read.ts";
import { createTestDatabase, onPostgres } from "../../test/db.ts";
import { rawEvents } from "../../test/support/events.ts";
import { loadMigrations, migrate, migrationStatus, splitStatements } from "./migrate.ts";
import { openDatabase } from "./open.ts";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "conviction-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("embedded PGlite", () => {
  test("data survives a restart", async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ kind: "pglite", dataDir });
    const batch = rawEvents(3);
    await appendToStream(first, "persisted", batch);
    await first.close();
    const second = await openDatabase({ kind: "pglite", dataDir });
    expect((await readStream(second, "persisted")).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    await second.close();
  }, 30_000);
});

describe("migrations", () => {
  test("status lists applied and pending migrations", async () => {
    const t = await createTestDatabase({ migrate: false });
    try {
      const all = loadMigrations();
      const before = await migrationStatus(t.db);
      expect(before.applied).toEqual([]);
      expect(before.pending.map((m) => m.version)).toEqual(all.map((m) => m.version));
      expect(await migrate(t.db)).toEqual(all.map((m) => m.version));
      expect(await migrate(t.db)).toEqual([]); // idempotent
      const after = await migrationStatus(t.db);
      expect(after.pending).toEqual([]);
      expect(after.applied.map((m) => m.name)).toEqual(all.map((m) => m.name));
    } finally {
      await t.drop();
    }
  });

  test("a migration edited after it landed is refused, naming it", async () => {
    const t = await createTestDatabase();
    try {
      const edited = loadMigrations().map((m) => (m.version === 1 ? { ...m, checksum: "tampered" } : m));
      await expect(migrate(t.db, edited)).rejects.toThrow(/001_event_store was edited after it was applied/);
    } finally {
      await t.drop();
    }
  });

  test("migration files must be numbered without gaps", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "001_a.sql"), "SELECT 1;");
    writeFileSync(join(dir, "003_c.sql"), "SELECT 1;");
    expect(() => loadMigrations(dir)).toThrow(/expected migration 2, found 3/);
  });

  test("statements split around strings, comments and function bodies", () => {
    expect(
      splitStatements(
        "CREATE x; -- a;b\nSELECT 'a;b'; CREATE FUNCTION f() AS $$ BEGIN; END; $$; /* ; */ SELECT \"q;\"",
      ),
    ).toEqual(["CREATE x", "SELECT 'a;b'", "CREATE FUNCTION f() AS $$ BEGIN; END; $$", 'SELECT "q;"']);
  });

  test.skipIf(!onPostgres)("engines starting together migrate once, under the advisory lock", async () => {
    const t = await createTestDatabase({ migrate: false });
    try {
      const pools = Array.from({ length: 4 }, () => t.connect({ max: 1 }));
      const results = await Promise.all(pools.map((db) => migrate(db)));
      expect(results.flat().sort()).toEqual(loadMigrations().map((m) => m.version));
    } finally {
      await t.drop();
    }
  });
});
