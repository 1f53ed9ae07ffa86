import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DOCS_PATH,
  ENV_EXAMPLE_PATH,
  README_PATH,
  renderConfigurationDoc,
  renderEnvExample,
  spliceReadme,
} from "./generate.ts";
import { loadConfig } from "./load.ts";
import { spec, VARIABLE_NAMES } from "./variables.ts";

const root = join(import.meta.dir, "..", "..");
const committed = (path: string) => readFileSync(join(root, path), "utf8");
const HINT = "out of date: run `bun engine/config/write-docs.ts`";

describe("generated files cannot drift from the variable table", () => {
  test(".env.example is what the table generates", () => {
    expect(committed(ENV_EXAMPLE_PATH), HINT).toBe(renderEnvExample());
  });

  test("docs/configuration.md is what the table generates", () => {
    expect(committed(DOCS_PATH), HINT).toBe(renderConfigurationDoc());
  });

  test("README.md's configuration tables are what the table generates", () => {
    const readme = committed(README_PATH);
    expect(readme, HINT).toBe(spliceReadme(readme));
  });

  test("every variable appears in both, with its default", () => {
    const env = renderEnvExample();
    const docs = renderConfigurationDoc();
    for (const name of VARIABLE_NAMES) {
      expect(docs).toContain(`| \`${name}\` |`);
      expect(env).toMatch(new RegExp(`^# ${name}=`, "m"));
      const fallback = spec(name).default;
      if (fallback !== undefined) expect(docs).toContain(`| \`${name}\` | \`${fallback}\` |`);
    }
  });

  test(".env.example, uncommented, is a valid configuration equal to the defaults", () => {
    const env: Record<string, string> = {};
    for (const match of renderEnvExample().matchAll(/^# ([A-Z0-9_]+)=(.*)$/gm)) {
      const [, name = "", value = ""] = match;
      env[name] = value.replace(/^"(.*)"$/, "$1");
    }
    expect(Object.keys(env).sort()).toEqual([...VARIABLE_NAMES].sort());
    const { variables: _fromEnv, ...uncommented } = loadConfig(env);
    const { variables: _fromDefaults, ...defaults } = loadConfig({});
    expect(uncommented).toEqual(defaults);
  });
});
