/**
 * Dollars crossing the model boundary. Outbound, money is an exact decimal string; inbound, the
 * model's allocation is a JSON number, converted to micros through its decimal text so that no
 * float arithmetic ever touches it (35.1 becomes "35.1" becomes 35_100_000, exactly).
 */
import { divRound, formatDollars, type Micros, parseDollars } from "../money/money.ts";

/** `amount` rounded half-up to `decimals` places and written out, e.g. 12_345_678 → "12.35". */
export function showDollars(amount: Micros, decimals: 2 | 4 = 2): string {
  const step = 10n ** BigInt(6 - decimals);
  const rounded = Number(divRound(BigInt(amount), step, "half-up") * step) as Micros;
  return formatDollars(rounded, decimals);
}

export type AllocationParse = { ok: true; micros: Micros } | { ok: false; error: string };

const TWO_DECIMALS = /^\d+(?:\.\d{1,2})?$/;

/**
 * A dollar allocation as the model wrote it: a non-negative number with at most 2 decimals.
 * String(n) is the shortest text that round-trips to the same double, i.e. what the JSON said
 * (up to JSON's own number parsing), so "35.10" → 35.1 → "35.1" → 35_100_000 micros.
 */
export function allocationToMicros(value: number): AllocationParse {
  if (!Number.isFinite(value)) return { ok: false, error: `${String(value)} is not a finite number` };
  const text = String(value);
  if (!TWO_DECIMALS.test(text)) {
    return { ok: false, error: `${text} is not a dollar amount with at most 2 decimals` };
  }
  return { ok: true, micros: parseDollars(text) };
}
