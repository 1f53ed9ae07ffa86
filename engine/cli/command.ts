import type { Config } from "../config/index.ts";
import type { Output } from "./output.ts";

/** Exit codes that mean something to scripts and supervisors. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem (differences, failed check, refused trade). */
  failed: 1,
  /** The command line was wrong. */
  usage: 2,
  /**
   * The event log holds an event of an unknown type or one failing its schema (sysexits
   * EX_DATAERR): audit and replay refuse to work from a log they cannot read whole.
   */
  badLog: 65,
  /** The configuration is invalid (sysexits EX_CONFIG). */
  config: 78,
} as const;

export interface CommandContext {
  args: string[];
  json: boolean;
  out: Output;
  /** Loads (and validates) the configuration on first use: `--help` needs none. */
  config(): Config;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** More lines for `--help`: options, output, exit codes. */
  help?: string;
  run(ctx: CommandContext): Promise<number>;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}
