/**
 * loadConfig: the environment in, a frozen Config or one ConfigError listing every problem out.
 * It is pure apart from reading KALSHI_PRIVATE_KEY_PATH, and that read is injectable.
 */
import { readFileSync } from "node:fs";
import { buildConfig } from "./build.ts";
import type { Config, EffectiveVariable } from "./config.ts";
import { crossFieldProblems } from "./cross-field.ts";
import { ConfigError, type ConfigProblem } from "./errors.ts";
import { deepFreeze } from "./freeze.ts";
import { misplacedSecret } from "./misplaced-secret.ts";
import { readPrivateKeyFile } from "./private-key.ts";
import { shownValue } from "./redact.ts";
import { type ParsedEnv, spec, VARIABLE_NAMES, type VariableName } from "./variables.ts";

export interface LoadConfigOptions {
  /** Reads KALSHI_PRIVATE_KEY_PATH; defaults to the file system. Tests pass a fake. */
  readonly readFile?: (path: string) => string;
}

/** Surrounding whitespace is noise from editors and secret stores; empty means unset. */
function clean(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: LoadConfigOptions = {},
): Config {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, "utf8"));
  const raw = new Map<VariableName, string>();
  for (const name of VARIABLE_NAMES) {
    const value = clean(env[name]);
    if (value !== undefined) raw.set(name, value);
  }
  const explicit = new Set(raw.keys());
  const input = (name: VariableName) => raw.get(name) ?? spec(name).default;
  const shown = (name: VariableName) => {
    const value = input(name);
    return value === undefined ? "" : shownValue(name, value);
  };

  const problems: (ConfigProblem & { variable: VariableName })[] = [];
  const report = (variable: VariableName, rule: string) =>
    problems.push({ variable, value: shown(variable), rule });

  const values: Partial<Record<VariableName, unknown>> = {};
  for (const name of VARIABLE_NAMES) {
    const value = input(name);
    if (value === undefined) continue;
    const misplaced = spec(name).secret === undefined ? misplacedSecret(value) : null;
    if (misplaced !== null) {
      report(name, misplaced);
      continue;
    }
    const result = spec(name).schema.safeParse(value);
    if (result.success) values[name] = result.data;
    else report(name, result.error.issues[0]?.message ?? "is not a valid value");
  }
  const parsed = values as Partial<ParsedEnv>;

  let privateKeyPem = parsed.KALSHI_PRIVATE_KEY ?? null;
  const keyPath = parsed.KALSHI_PRIVATE_KEY_PATH;
  if (keyPath !== undefined && !explicit.has("KALSHI_PRIVATE_KEY")) {
    const key = readPrivateKeyFile(keyPath, readFile);
    if (key.ok) privateKeyPem = key.value;
    else report("KALSHI_PRIVATE_KEY_PATH", key.rule);
  }

  for (const problem of crossFieldProblems({ values: parsed, explicit, shown })) {
    report(problem.variable, problem.rule);
  }

  if (problems.length > 0) {
    // Table order, so related variables are listed together; sort is stable, own rules stay first.
    const order = (name: VariableName) => VARIABLE_NAMES.indexOf(name);
    throw new ConfigError(problems.sort((a, b) => order(a.variable) - order(b.variable)));
  }

  const effective = Object.fromEntries(
    VARIABLE_NAMES.map((name): [VariableName, EffectiveVariable] => {
      const value = input(name);
      const source = explicit.has(name) ? "env" : value === undefined ? "unset" : "default";
      return [name, { source, value: value === undefined ? null : shownValue(name, value) }];
    }),
  ) as Config["variables"];

  return deepFreeze(buildConfig(parsed as ParsedEnv, privateKeyPem, effective));
}
