import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite } from "./pglite.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function closedDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "conviction-pglite-lock-"));
  dirs.push(dir);
  const db = await openPglite(dir);
  await db.exec("CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)");
  await db.close();
  return dir;
}

// What a kill -9 leaves when it lands while PGlite writes its lock file: PGlite alone would refuse
// to start on either ("PGlite failed to initialize properly").
for (const [name, content] of [
  ["empty", ""],
  ["cut short", "\n"],
  ["garbage", "\u0000\u0000"],
] as const) {
  test(`a torn lock file (${name}) after a kill does not stop the embedded database opening`, async () => {
    const dir = await closedDataDir();
    writeFileSync(join(dir, "postmaster.pid"), content);
    const db = await openPglite(dir);
    expect(await db.query("SELECT x FROM kept")).toEqual([{ x: 7 }]);
    await db.close();
  });
}

test("a complete stale lock file is left for PGlite to take over", async () => {
  const dir = await closedDataDir();
  writeFileSync(join(dir, "postmaster.pid"), "-42\n/pglite/data\n1795549103\n5432\n");
  const db = await openPglite(dir);
  expect(await db.query("SELECT x FROM kept")).toEqual([{ x: 7 }]);
  await db.close();
});
