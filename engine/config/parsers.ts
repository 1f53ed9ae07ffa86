/**
 * The kinds of value a variable can hold, as zod schemas from the raw (trimmed, non-empty) string
 * to the typed value. Every failure carries the rule text shown to the operator after
 * `NAME=value: `, so rules are written to read as the end of that sentence.
 */
import { Cron } from "croner";
import { z } from "zod";
import type { Micros } from "../money/money.ts";
import { formatDecimal, parseDecimalMicros } from "./decimal.ts";
import { checkPrivateKeyPem, normalizePem } from "./private-key.ts";
import { type Checked, invalid, valid } from "./result.ts";

/**
 * A schema from a checking function. A check that throws (a bug, or a library surprising us on
 * odd input) still becomes a problem, so loading can never fail with anything but ConfigError.
 */
export function checked<T>(check: (text: string) => Checked<T>) {
  return z.string().transform((text, ctx): T => {
    let result: Checked<T>;
    try {
      result = check(text);
    } catch {
      result = invalid("is not a valid value");
    }
    if (result.ok) return result.value;
    ctx.issues.push({ code: "custom", message: result.rule, input: text });
    return z.NEVER;
  });
}

export const text = () => z.string();

export function pattern(regex: RegExp, rule: string) {
  return z.string().regex(regex, rule);
}

export function minLength(length: number) {
  return z.string().min(length, `must be at least ${length} characters`);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(", ")}` });
}

/** Whole numbers only: "3.0" and "1e3" are refused rather than guessed at. */
export function wholeNumber(bounds: { min: number; max?: number }) {
  const { min, max = Number.MAX_SAFE_INTEGER } = bounds;
  const range = bounds.max === undefined ? `must be at least ${min}` : `must be between ${min} and ${max}`;
  return checked((raw) => {
    if (!/^-?\d+$/.test(raw)) return invalid("must be a whole number");
    const n = Number(raw) + 0; // + 0 turns "-0" into 0
    if (!Number.isSafeInteger(n)) return invalid("is too large");
    return n >= min && n <= max ? valid(n) : invalid(range);
  });
}

/** A dollar amount into exact micros; `positive` refuses zero (a budget of $0 is a typo, not a plan). */
export function dollarAmount(bounds: { positive: boolean }) {
  return checked((raw): Checked<Micros> => {
    const parsed = parseDecimalMicros(raw, "must be a dollar amount like 100 or 12.50");
    if (!parsed.ok) return parsed;
    if (bounds.positive && parsed.value <= 0) return invalid("must be greater than 0");
    if (parsed.value < 0) return invalid("must be at least 0");
    return parsed;
  });
}

/** A contract price or threshold, a fraction of the $1 payout, into exact micros. */
export function price(bounds: { min: string; max: string; inclusive: boolean }) {
  const min = parseDecimalMicros(bounds.min, "");
  const max = parseDecimalMicros(bounds.max, "");
  if (!min.ok || !max.ok) throw new Error(`price bounds ${bounds.min}..${bounds.max} are not decimals`);
  return checked((raw): Checked<Micros> => {
    const parsed = parseDecimalMicros(raw, "must be a decimal like 0.85");
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    if (bounds.inclusive) {
      if (p < min.value || p > max.value) {
        return invalid(`must be between ${formatDecimal(min.value)} and ${formatDecimal(max.value)}`);
      }
    } else {
      if (p <= min.value) return invalid(`must be greater than ${formatDecimal(min.value)}`);
      if (p >= max.value) return invalid(`must be less than ${formatDecimal(max.value)}`);
    }
    return parsed;
  });
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** A URL with one of `protocols` (e.g. ["http:", "https:"]); trailing slashes are dropped so paths join cleanly. */
export function url(protocols: readonly string[], rule: string) {
  return checked((raw) => {
    const parsed = parseUrl(raw);
    if (!parsed || !protocols.includes(parsed.protocol) || parsed.hostname === "") return invalid(rule);
    return valid(raw.replace(/\/+$/, ""));
  });
}

/** A postgres connection string, kept verbatim: postgres.js parses it, we only check its shape. */
export const postgresUrl = () =>
  checked((raw) => {
    const parsed = parseUrl(raw);
    if (!parsed || !["postgres:", "postgresql:"].includes(parsed.protocol)) {
      return invalid("must be a postgres:// or postgresql:// URL");
    }
    return valid(raw);
  });

/** An IANA zone as Intl knows it; stored in canonical spelling ("utc" → "UTC"). */
export const timeZone = () =>
  checked((raw) => {
    try {
      return valid(new Intl.DateTimeFormat("en-US", { timeZone: raw }).resolvedOptions().timeZone);
    } catch {
      return invalid("must be an IANA time zone like UTC or America/New_York");
    }
  });

/**
 * A cron expression exactly as the scheduler (croner) will read it, so a schedule that loads here
 * cannot fail later. croner also takes a 7th (year) field; we refuse it because a job pinned to a
 * year silently stops running.
 */
export const cronExpression = () =>
  checked((raw) => {
    const fields = raw.split(/\s+/).length;
    if (!raw.startsWith("@") && fields === 7) {
      return invalid("must have 5 fields (minute hour day month weekday) or 6 (with seconds first)");
    }
    let job: Cron;
    try {
      job = new Cron(raw, { paused: true });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return invalid(message.replace(/^CronPattern:\s*/, ""));
    }
    const next = job.nextRun();
    job.stop();
    return next === null ? invalid("never fires") : valid(raw);
  });

/** A PEM RSA private key; literal "\n" sequences (one-line env files) become newlines. */
export const privateKeyPem = () =>
  checked((raw) => {
    const pem = normalizePem(raw);
    const problem = checkPrivateKeyPem(pem);
    return problem === null ? valid(pem) : invalid(`must be a PEM-encoded RSA private key (${problem})`);
  });
