/**
 * For main programs: load from the real environment, or explain every problem and exit with
 * EX_CONFIG (78, from sysexits.h) so supervisors can tell "misconfigured" from "crashed".
 */
import type { Config } from "./config.ts";
import { ConfigError, formatConfigError } from "./errors.ts";
import { type LoadConfigOptions, loadConfig } from "./load.ts";

export const EX_CONFIG = 78;

export interface ConfigFromProcessOptions extends LoadConfigOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly writeStderr?: (text: string) => void;
  readonly exit?: (code: number) => never;
}

export function configFromProcess(options: ConfigFromProcessOptions = {}): Config {
  const {
    env = process.env,
    writeStderr = (text: string) => void process.stderr.write(text),
    exit = (code: number) => process.exit(code),
    ...load
  } = options;
  try {
    return loadConfig(env, load);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    writeStderr(formatConfigError(err));
    return exit(EX_CONFIG);
  }
}
