/**
 * Rules that involve more than one variable. Comparisons run only when both values parsed, so one
 * bad value yields one problem rather than a cascade; rules about which variables go together look
 * only at what was set, since that is wrong whatever the values. A broken rule is reported on the
 * variable the operator actually set, so the message points at the value to change.
 */
import type { ParsedEnv, VariableName } from "./variables.ts";

export interface CrossFieldProblem {
  readonly variable: VariableName;
  readonly rule: string;
}

export interface CrossFieldInput {
  /** Values that passed their own rule (defaults included); failed ones are absent. */
  readonly values: Partial<ParsedEnv>;
  /** Variables set in the environment, as opposed to defaulted or unset. */
  readonly explicit: ReadonlySet<VariableName>;
  /** How a variable's value may be shown in a rule (already redacted). */
  readonly shown: (name: VariableName) => string;
}

type Relation = "<" | "<=";

const WORDS = {
  "<": ["must be less than", "must be greater than"],
  "<=": ["must be at most", "must be at least"],
} as const;

/** `low relation high` over two parsed numbers; problems name the other variable and its value. */
function ordered(input: CrossFieldInput, low: VariableName, relation: Relation, high: VariableName) {
  const a = input.values[low];
  const b = input.values[high];
  if (typeof a !== "number" || typeof b !== "number") return [];
  if (relation === "<" ? a < b : a <= b) return [];
  const [lowWord, highWord] = WORDS[relation];
  const blameHigh = !input.explicit.has(low) && input.explicit.has(high);
  return [
    blameHigh
      ? { variable: high, rule: `${highWord} ${low} (${input.shown(low)})` }
      : { variable: low, rule: `${lowWord} ${high} (${input.shown(high)})` },
  ];
}

/** Both or neither: a half-configured pair is a mistake in any mode. */
function together(input: CrossFieldInput, a: VariableName, b: readonly VariableName[]): CrossFieldProblem[] {
  const has = (n: VariableName) => input.explicit.has(n);
  if (!has(a) || b.some(has)) return [];
  return [{ variable: a, rule: `requires ${b.join(" or ")}` }];
}

function oneOf(input: CrossFieldInput, first: VariableName, second: VariableName): CrossFieldProblem[] {
  if (!input.explicit.has(first) || !input.explicit.has(second)) return [];
  return [{ variable: second, rule: `set only one of ${first} or ${second}` }];
}

export function crossFieldProblems(input: CrossFieldInput): CrossFieldProblem[] {
  const { values, explicit } = input;
  const problems: CrossFieldProblem[] = [
    ...ordered(input, "MIN_ODDS", "<", "MAX_ODDS"),
    ...ordered(input, "STOP_LOSS_THRESHOLD", "<", "MIN_ODDS"),
    ...ordered(input, "MIN_POSITION_SIZE", "<=", "MAX_POSITION_SIZE"),
    ...ordered(input, "MAX_POSITION_SIZE", "<=", "DAILY_BUDGET"),
    ...oneOf(input, "KALSHI_PRIVATE_KEY", "KALSHI_PRIVATE_KEY_PATH"),
    ...together(input, "KALSHI_API_ID", ["KALSHI_PRIVATE_KEY", "KALSHI_PRIVATE_KEY_PATH"]),
    ...together(input, "KALSHI_PRIVATE_KEY", ["KALSHI_API_ID"]),
    ...together(input, "KALSHI_PRIVATE_KEY_PATH", ["KALSHI_API_ID"]),
    ...oneOf(input, "ANTHROPIC_API_KEY", "AI_GATEWAY_KEY"),
    // A gateway key sent to Anthropic's own API would only ever earn a 401.
    ...together(input, "AI_GATEWAY_KEY", ["ANTHROPIC_BASE_URL"]),
    ...together(input, "NOTIFY_TELEGRAM_BOT_TOKEN", ["NOTIFY_TELEGRAM_CHAT_ID"]),
    ...together(input, "NOTIFY_TELEGRAM_CHAT_ID", ["NOTIFY_TELEGRAM_BOT_TOKEN"]),
  ];
  if (values.KALSHI_ENV === "custom" && !explicit.has("KALSHI_BASE_URL")) {
    problems.push({ variable: "KALSHI_ENV", rule: "requires KALSHI_BASE_URL" });
  }
  // Live trading signs orders; with no credential at all, say so once, on the mode itself.
  // A half-set pair is already reported above on the variable that was set.
  const credentials: VariableName[] = ["KALSHI_API_ID", "KALSHI_PRIVATE_KEY", "KALSHI_PRIVATE_KEY_PATH"];
  if (values.TRADING_MODE === "live" && !credentials.some((n) => explicit.has(n))) {
    problems.push({
      variable: "TRADING_MODE",
      rule: "requires KALSHI_API_ID and KALSHI_PRIVATE_KEY (or KALSHI_PRIVATE_KEY_PATH)",
    });
  }
  return problems;
}
