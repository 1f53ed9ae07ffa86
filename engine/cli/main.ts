/**
 * `npm run cli -- <command>`: the operator's tool. Every command has --help, prints for people by
 * default and for machines with --json, and exits with a code that means something (see EXIT).
 */

import { EventSchemaError, UnknownEventTypeError } from "../../events/store/errors.ts";
import type { Config } from "../config/index.ts";
import { ConfigError, formatConfigError, loadConfig, secretValues } from "../config/index.ts";
import { redactSecrets } from "../jobs/record-error.ts";
import { type Command, type CommandContext, EXIT, UsageError } from "./command.ts";
import { analyzeCommand } from "./commands/analyze.ts";
import { auditCommand } from "./commands/audit.ts";
import { backtestCommand } from "./commands/backtest.ts";
import { checkCommand } from "./commands/check.ts";
import { eventsCommand } from "./commands/events.ts";
import { importHistoryCommand } from "./commands/import-history.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { replayCommand } from "./commands/replay.ts";
import { runJobCommand } from "./commands/run-job.ts";
import { scanCommand } from "./commands/scan.ts";
import { statusCommand } from "./commands/status.ts";
import { closeCommand, pauseCommand, resumeCommand } from "./commands/trading-state.ts";
import { bold, consoleOutput, dim, type Output } from "./output.ts";

export const commands: readonly Command[] = [
  statusCommand,
  checkCommand,
  runJobCommand,
  scanCommand,
  analyzeCommand,
  pauseCommand,
  resumeCommand,
  closeCommand,
  replayCommand,
  auditCommand,
  importHistoryCommand,
  migrateCommand,
  eventsCommand,
  backtestCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${bold("conviction")} — automated trading of Kalshi's near-certain contracts`,
    "",
    `usage: npm run cli -- <command> [options]`,
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    dim("Every command takes --help and --json."),
  ].join("\n");
}

export async function runCli(
  argv: string[],
  env = process.env,
  out: Output = consoleOutput,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    out.line(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    out.error(`unknown command ${JSON.stringify(name)}\n`);
    out.line(help());
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out.line(`${bold(command.name)} — ${command.summary}\n\nusage: npm run cli -- ${command.usage}`);
    if (command.help) out.line(`\n${command.help}`);
    return EXIT.ok;
  }
  const json = rest.includes("--json");
  let config: Config | undefined;
  const ctx: CommandContext = {
    args: rest.filter((a) => a !== "--json"),
    json,
    out,
    config: () => {
      // loadConfig throws ConfigError (caught below: exit 78) instead of exiting the process.
      config ??= loadConfig(env);
      return config;
    },
  };
  try {
    return await command.run(ctx);
  } catch (error) {
    if (error instanceof ConfigError) {
      out.error(formatConfigError(error));
      return EXIT.config;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      out.error(`${(error as Error).message}\nusage: npm run cli -- ${command.usage}`);
      return EXIT.usage;
    }
    if (error instanceof UnknownEventTypeError || error instanceof EventSchemaError) {
      out.error(`${command.name} failed: the event log is invalid: ${(error as Error).message}`);
      return EXIT.badLog;
    }
    out.error(
      `${command.name} failed: ${redactSecrets((error as Error).message, config ? secretValues(config) : [])}`,
    );
    return EXIT.failed;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
  // The command is done. Normally the process ends by itself now; if a handle lingers (a socket
  // still reconnecting to a database that restarted), a supervisor must still see it exit.
  setTimeout(() => process.exit(code), 5_000).unref();
}
