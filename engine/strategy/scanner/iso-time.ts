/**
 * Epoch ms of a timestamp, fast. Date.parse costs about 0.7 µs per distinct string in Bun, which
 * alone is ~70 ms over 100,000 markets; this reads the common shapes digit by digit in ~0.05 µs:
 *
 *   2026-03-10T12:00:00Z   2026-03-10T12:00:00.123Z   2026-03-10T07:00:00-05:00
 *   2026-03-10 12:00:00+00 (PostgreSQL's text output of timestamptz)
 *
 * Anything else (or an impossible date) falls back to Date.parse, so the result is always what
 * Date.parse would say for a valid timestamp; NaN when unreadable. A Date is taken as is.
 */

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function fast(s: string): number {
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59))
    return Number.NaN;
  if (day > (DAYS_IN_MONTH[month - 1] ?? 0) || (month === 2 && day === 29 && !leap(year))) return Number.NaN;

  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    // Fraction: milliseconds from the first three digits, the rest truncated (as Date.parse does).
    i++;
    let scale = 100;
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      if (scale >= 1) ms += (s.charCodeAt(i) - 48) * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return Number.NaN;
  }
  let offsetMin = 0;
  const z = s.charCodeAt(i);
  if (z === 90 && i + 1 === s.length) {
    offsetMin = 0;
  } else if (z === 43 || z === 45) {
    const rest = s.length - i - 1; // "HH", "HHMM" or "HH:MM"
    const oh = two(s, i + 1);
    let om = 0;
    if (rest === 5 && s.charCodeAt(i + 3) === 58) om = two(s, i + 4);
    else if (rest === 4) om = two(s, i + 3);
    else if (rest !== 2) return Number.NaN;
    if (!(oh <= 23 && om <= 59)) return Number.NaN;
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return Number.NaN;
  }
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    ms -
    offsetMin * 60_000
  );
}

export function parseTimestampMs(value: string | Date): number {
  if (typeof value !== "string") return value.getTime();
  const t = fast(value);
  return Number.isNaN(t) ? Date.parse(value) : t;
}
