/**
 * Decimal strings from the environment ("100", "12.50", "0.85") into exact integer micros.
 *
 * Budgets, odds and thresholds are compared against Kalshi's fixed-point prices, so they must be
 * exact: "0.85" has to be 850000 micros, never 849999.9999. We hand the string itself to
 * parseDollars and do no float arithmetic at all.
 */
import { formatDollars, type Micros, MoneyFormatError, parseDollars } from "../money/money.ts";
import { type Checked, invalid, valid } from "./result.ts";

/** An optional sign, digits and an optional fraction; ".85" is accepted as a courtesy. */
const DECIMAL = /^(-?)(\d*)(?:\.(\d+))?$/;

/** Parses `text` exactly; `shape` names what a well-formed value looks like in the rule. */
export function parseDecimalMicros(text: string, shape: string): Checked<Micros> {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === "" && m[3] === undefined)) return invalid(shape);
  if ((m[3] ?? "").length > 6) return invalid("must have at most 6 decimal places");
  const normalized = `${m[1]}${m[2] === "" ? "0" : m[2]}${m[3] === undefined ? "" : `.${m[3]}`}`;
  try {
    return valid(parseDollars(normalized));
  } catch (err) {
    if (err instanceof MoneyFormatError) return invalid("is too large");
    throw err;
  }
}

/** 850000 → "0.85", 100000000 → "100": the shortest exact decimal, for rules and docs. */
export function formatDecimal(value: Micros): string {
  const full = formatDollars(value, 6);
  return full.replace(/\.?0+$/, "");
}
