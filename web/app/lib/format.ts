/**
 * Display helpers. Money arrives exact (integer micros as a decimal string, plus the server's own
 * `display`); it is only ever formatted here, never added up. The one place money becomes a float
 * is `microsToChartNumber`, for chart coordinates, where a rounding in the 15th digit is invisible.
 */
import type { Money } from "./types";

const MICROS_PER_CENT = 10_000n;

/** -1, 0 or 1 for an integer-micros string, read without parsing it as a float. */
export function signOfMicros(micros: string | number | bigint): -1 | 0 | 1 {
  const n = toBigInt(micros);
  return n < 0n ? -1 : n > 0n ? 1 : 0;
}

/**
 * Integer micros (from report bodies, which carry numbers or strings) as "$1,234.57" / "-$0.05",
 * rounded half away from zero to the cent, exactly (bigint arithmetic).
 */
export function formatMicros(micros: string | number | bigint): string {
  const n = toBigInt(micros);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  // Half away from zero: add half a cent before truncating the magnitude.
  const cents = (abs + MICROS_PER_CENT / 2n) / MICROS_PER_CENT;
  const dollars = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, "0");
  const grouped = dollars.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  // "-$0.00" would claim a loss that rounds to nothing.
  const sign = negative && cents > 0n ? "-" : "";
  return `${sign}$${grouped}.${rest}`;
}

/** The server's display string, or a dash for a missing amount (unpriced, not yet closed…). */
export function moneyText(money: Money | null | undefined, fallback = "—"): string {
  return money ? money.display : fallback;
}

/** P&L reads better with an explicit "+" on gains: "+$4.20", "-$1.10", "$0.00". */
export function pnlText(money: Money | null | undefined, fallback = "—"): string {
  if (!money) return fallback;
  return signOfMicros(money.micros) > 0 && !money.display.startsWith("+")
    ? `+${money.display}`
    : money.display;
}

/** Tailwind text colour for a signed amount. */
export function pnlTone(money: Money | null | undefined): string {
  if (!money) return "text-zinc-400";
  const sign = signOfMicros(money.micros);
  return sign > 0 ? "text-emerald-400" : sign < 0 ? "text-rose-400" : "text-zinc-300";
}

/** Tailwind text colour for a signed ratio (ROI, return %). */
export function numberTone(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "text-zinc-400";
  return value > 0 ? "text-emerald-400" : value < 0 ? "text-rose-400" : "text-zinc-300";
}

/** Dollars as a float, for chart coordinates only. */
export function microsToChartNumber(micros: string | number | bigint): number {
  const n = toBigInt(micros);
  // Split before converting so amounts beyond 2^53 micros keep their cents.
  return Number(n / 1_000_000n) + Number(n % 1_000_000n) / 1_000_000;
}

/** A fraction 0..1 (win rate, ROI as the API states it) as "93.5%". */
export function formatFraction(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}

/** A value already in percent (report ROI, unrealizedPnlPct) as "+2.4%". */
export function formatPercent(value: number | null | undefined, digits = 1, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = `${value.toFixed(digits)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

/** A probability as cents-style odds, e.g. 0.94 → "94%". */
export function formatProbability(value: number | null | undefined): string {
  return formatFraction(value, 0);
}

// Dates are shown in UTC on the server and in the browser alike, so hydration never disagrees.
const dateTime = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const dateOnly = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const dateWithYear = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  year: "numeric",
  month: "short",
  day: "numeric",
});

/** "Nov 25, 08:00 UTC". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${dateTime.format(d)} UTC`;
}

/** "Nov 25, 08:00": for table cells whose header already says UTC. */
export function formatDateTimeShort(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** A calendar day "2026-11-25" (or a date-time) as "Nov 25". */
export function formatDay(day: string): string {
  const d = new Date(day.length === 10 ? `${day}T00:00:00Z` : day);
  return Number.isNaN(d.getTime()) ? day : dateOnly.format(d);
}

/** "Nov 25, 2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateWithYear.format(d);
}

/** "2026-11" as "November 2026". */
export function formatMonth(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? month
    : new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "long" }).format(d);
}

/** Hours to close as "5h" / "1d 7h". */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return "—";
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))}m`;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = Math.floor(hours / 24);
  const rest = Math.round(hours - days * 24);
  return rest === 0 ? `${days}d` : `${days}d ${rest}h`;
}

export function formatInt(n: number): string {
  return n.toLocaleString("en-US");
}

function toBigInt(micros: string | number | bigint): bigint {
  if (typeof micros === "bigint") return micros;
  if (typeof micros === "number") {
    if (!Number.isFinite(micros)) return 0n;
    return BigInt(Math.round(micros));
  }
  const trimmed = micros.trim();
  return /^-?\d+$/.test(trimmed) ? BigInt(trimmed) : 0n;
}
