import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningSimulator } from "../../../simulator/index.ts";
import { startTestSimulator } from "../../../simulator/testing/harness.ts";
import { readHistoryMarkets } from "../../history/read.ts";
import { EXIT } from "../command.ts";
import { cli } from "../testing.ts";

let sim: RunningSimulator;
const root = mkdtempSync(join(tmpdir(), "conviction-import-cli-"));
let env: Record<string, string>;
beforeAll(async () => {
  sim = await startTestSimulator();
  env = { DATA_DIR: root, TZ: "UTC", LOG_LEVEL: "error", KALSHI_ENV: "custom", KALSHI_BASE_URL: sim.baseUrl };
});
afterAll(async () => {
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
});

test("import-history over HTTP, then the rerun finds everything done", async () => {
  const first = await cli(["import-history", "--max-markets", "2", "--json"], env);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(EXIT.ok);
  expect(first.json).toMatchObject({ dir: join(root, "history"), written: 2, skipped: 0, complete: true });
  expect(readHistoryMarkets(join(root, "history"))).toHaveLength(2);

  const again = await cli(["import-history", "--max-markets", "2"], env);
  expect(again.code).toBe(EXIT.ok);
  expect(again.stdout).toContain("0 markets written");
  // The same directory with other options is refused, not mixed.
  expect((await cli(["import-history", "--max-markets", "3"], env)).code).toBe(EXIT.usage);
});

test("bad usage is exit 2; unreadable saved files are exit 65, naming the file", async () => {
  expect((await cli(["import-history", "--period", "5"], env)).code).toBe(EXIT.usage);
  expect((await cli(["import-history", "--max-markets", "0"], env)).code).toBe(EXIT.usage);
  const saved = join(root, "saved");
  mkdirSync(saved, { recursive: true });
  writeFileSync(join(saved, "page.json"), JSON.stringify({ markets: [{ ticker: 7 }], cursor: "" }));
  const r = await cli(["import-history", "--from-files", saved, "--out", join(root, "x")], env);
  expect(r.code).toBe(EXIT.badLog);
  expect(r.stderr).toContain("page.json");
});
