/**
 * Calendar days in an IANA time zone, computed with Intl only (no libraries, no process TZ).
 *
 * "Today" for MAX_TRADES_PER_DAY, DAILY_BUDGET and the reports is the operator's local day, which
 * is 23, 24 or 25 hours long around DST changes. We never add 24 h to a local midnight: the
 * boundaries are found by asking Intl which local date an instant falls on.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formatting dates is the slow part of Intl; one formatter per zone is reused (no observable state). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD; formatToParts keeps us independent of that detail anyway.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError for a zone Intl does not know, so a typo fails loudly instead of meaning UTC. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The local calendar date of an instant, as "YYYY-MM-DD" (string order = date order). */
export function localDayKey(epochMs: number, timeZone: string): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year.padStart(4, "0")}-${month}-${day}`;
}

/** "YYYY-MM" of an instant in the zone. */
export const localMonthKey = (epochMs: number, timeZone: string): string =>
  localDayKey(epochMs, timeZone).slice(0, 7);

/** The calendar date `days` after (or before) a "YYYY-MM-DD" key: pure calendar arithmetic. */
export function shiftDayKey(dayKey: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dayKey);
  if (!m) throw new RangeError(`${dayKey} is not a YYYY-MM-DD date`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return new Date(t).toISOString().slice(0, 10);
}

/** No zone is more than 26 h from UTC, so a local day starts and ends within 50 h of any instant in it. */
const SEARCH_SPAN_MS = 50 * 3_600_000;

/** First instant in [lo, hi] whose local date is ≥ `key`; `hi` must satisfy that. */
function firstInstantFrom(key: string, lo: number, hi: number, timeZone: string): number {
  let before = lo; // local date < key
  let at = hi; // local date ≥ key
  while (at - before > 1) {
    const mid = Math.floor((before + at) / 2);
    if (localDayKey(mid, timeZone) >= key) at = mid;
    else before = mid;
  }
  return at;
}

export interface LocalDay {
  /** "YYYY-MM-DD" in the zone. */
  day: string;
  /** First millisecond of the local day (inclusive). */
  start: number;
  /** First millisecond of the next local day (exclusive). */
  end: number;
}

/**
 * The local day containing `epochMs`: its date and its [start, end) in epoch ms. Found by binary
 * search on the local date, so DST days (23 h / 25 h) and zones where midnight does not exist
 * come out right without any offset arithmetic.
 */
export function localDayBounds(epochMs: number, timeZone: string): LocalDay {
  const day = localDayKey(epochMs, timeZone);
  const start = firstInstantFrom(day, epochMs - SEARCH_SPAN_MS, epochMs, timeZone);
  const next = shiftDayKey(day, 1);
  const end = firstInstantFrom(next, epochMs, epochMs + SEARCH_SPAN_MS, timeZone);
  return { day, start, end };
}
