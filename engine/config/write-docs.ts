/**
 * Regenerates .env.example, docs/configuration.md and README.md's configuration tables from the variable table.
 *   bun engine/config/write-docs.ts          rewrite both files
 *   bun engine/config/write-docs.ts --check  exit 1 if either is out of date (for CI)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DOCS_PATH,
  ENV_EXAMPLE_PATH,
  README_PATH,
  renderConfigurationDoc,
  renderEnvExample,
  spliceReadme,
} from "./generate.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const readOrEmpty = (path: string): string => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
};

const files: [string, string][] = [
  [ENV_EXAMPLE_PATH, renderEnvExample()],
  [DOCS_PATH, renderConfigurationDoc()],
  [README_PATH, spliceReadme(readOrEmpty(join(root, README_PATH)))],
];

const check = process.argv.includes("--check");
let stale = 0;
for (const [relative, contents] of files) {
  const path = join(root, relative);
  if (readOrEmpty(path) === contents) continue;
  if (check) {
    stale++;
    console.error(`${relative} is out of date: run bun engine/config/write-docs.ts`);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
    console.log(`wrote ${relative}`);
  }
}
if (stale > 0) process.exit(1);
