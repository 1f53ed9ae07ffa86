/**
 * Building blocks for the response schemas: Kalshi's fixed-point strings become exact integers
 * here, at the boundary, so no float ever carries a price or a count into the engine.
 */
import { z } from "zod";
import {
  type Centis,
  MICROS_PER_DOLLAR,
  type Micros,
  MoneyFormatError,
  parseCount,
  parseDollars,
} from "../../money/money.ts";

const show = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

function fixed<T>(parse: (s: string) => T, what: string, check?: (v: T) => string | null) {
  return z.string().transform((s, ctx): T => {
    let v: T;
    try {
      v = parse(s);
    } catch (e) {
      if (!(e instanceof MoneyFormatError)) throw e;
      ctx.addIssue({ code: "custom", message: `${show(s)} is not a ${what}`, input: s });
      return z.NEVER;
    }
    const problem = check?.(v);
    if (problem) {
      ctx.addIssue({ code: "custom", message: `${show(s)} ${problem}`, input: s });
      return z.NEVER;
    }
    return v;
  });
}

/** Any dollar amount ("12.345600", "-3.00"). */
export const money = fixed<Micros>(parseDollars, "fixed-point dollar string");
/** A contract price: 0 ≤ p ≤ $1. */
export const price = fixed<Micros>(parseDollars, "fixed-point dollar price", (v) =>
  v < 0 || v > MICROS_PER_DOLLAR ? "is outside [0, 1]" : null,
);
/** A non-negative contract count ("10.00"). */
export const count = fixed<Centis>(parseCount, "fixed-point contract count", (v) =>
  v < 0 ? "is negative" : null,
);
/** A signed contract count (positions: negative = NO). */
export const signedCount = fixed<Centis>(parseCount, "fixed-point contract count");

/** Whole cents as an integer (older balance fields) → micros. */
export const cents = z
  .number()
  .int()
  .transform((c) => (c * 10_000) as Micros);

function parseTime(s: string): number {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new MoneyFormatError("not a time");
  return ms;
}

/** RFC 3339 timestamp → epoch ms. */
export const time = fixed<number>(parseTime, "RFC 3339 timestamp");

/** An optional or nullable timestamp; "" means absent too. */
export const optionalTime = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s, ctx): number | null => {
    if (s === undefined || s === null || s === "") return null;
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: `${show(s)} is not an RFC 3339 timestamp`, input: s });
      return z.NEVER;
    }
    return ms;
  });

/** Unix seconds → epoch ms. */
export const unixSeconds = z
  .number()
  .int()
  .nonnegative()
  .transform((s) => s * 1000);

export const optionalMoney = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s, ctx): Micros | null => {
    if (s === undefined || s === null || s === "") return null;
    try {
      return parseDollars(s);
    } catch {
      ctx.addIssue({ code: "custom", message: `${show(s)} is not a fixed-point dollar string`, input: s });
      return z.NEVER;
    }
  });

export const optionalPrice = optionalMoney.refine((v) => v === null || (v >= 0 && v <= MICROS_PER_DOLLAR), {
  message: "is outside [0, 1]",
});

export const side = z.enum(["yes", "no"]);
export const bookSide = z.enum(["bid", "ask"]);
export const action = z.enum(["buy", "sell"]);
export const cursor = z
  .string()
  .nullish()
  .transform((c) => c ?? "");

/** Just the cursor of a listing, read before the rest is validated (see paginatePrefetch). */
export const cursorOnly = z.object({ cursor }).transform((r) => r.cursor);
