/**
 * One error for everything wrong with the environment. Operators fix configuration in one pass
 * when they see every problem at once, so loading collects them all before throwing.
 */
import { printable } from "./printable.ts";

export interface ConfigProblem {
  /** The variable to change, e.g. "MIN_ODDS". */
  readonly variable: string;
  /** The value as it may be shown: secrets are already "<redacted>", control characters escaped. */
  readonly value: string;
  /** Why it was refused, written to follow "NAME=value: ", e.g. "must be between 0.5 and 0.99". */
  readonly rule: string;
}

/** `MIN_ODDS=1.4: must be between 0.5 and 0.99` */
export const formatProblem = (problem: ConfigProblem): string =>
  `${problem.variable}=${problem.value}: ${problem.rule}`;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    // Exactly one line per problem, so it reads well in logs and tests can match it: a rule can
    // quote input (croner's do), so both parts are made printable here, whatever the caller did.
    const safe = problems.map((p) =>
      Object.freeze({ variable: printable(p.variable), value: printable(p.value), rule: printable(p.rule) }),
    );
    super(safe.map(formatProblem).join("\n"));
    this.problems = Object.freeze(safe);
  }
}

/** The block a main program prints before exiting: a headline, the problems, where to read more. */
export function formatConfigError(err: ConfigError): string {
  const count = err.problems.length;
  const lines = [
    `Conviction cannot start: ${count} configuration ${count === 1 ? "problem" : "problems"}.`,
    ...err.problems.map((p) => `  ${formatProblem(p)}`),
    "Every variable is described in .env.example and docs/configuration.md.",
  ];
  return `${lines.join("\n")}\n`;
}
