import { exactDollars } from "../risk/format.ts";

/**
 * Money in a notification, exact from micros: every digit the amount has, at least cents, never
 * rounded ("$20.00", "$0.9535", "-$1.07"). People act on these figures; a rounded one could disagree
 * with the dashboard by a cent.
 */
export function money(micros: number): string {
  const text = exactDollars(Math.abs(micros));
  const [whole = "0", frac = "00"] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${micros < 0 ? "-" : ""}$${grouped}.${frac}`;
}

/** P&L with its sign always shown: "+$3.10", "-$2.00", "$0.00". */
export function signedMoney(micros: number): string {
  return micros > 0 ? `+${money(micros)}` : money(micros);
}
