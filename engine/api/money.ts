import { formatDollars, type Micros } from "../money/money.ts";
import { usd } from "../risk/format.ts";

/**
 * Money on the wire: exact integer micros as a string (a 64-bit amount does not fit GraphQL's
 * 32-bit Int, and a Float would round), exact dollars, and a cent-rounded display form.
 * Resolvers return plain integer micros; the Money type's field resolvers format them.
 */
export const moneyResolvers = {
  micros: (m: number): string => BigInt(m).toString(),
  dollars: (m: number): string => formatDollars(m as Micros, 6),
  display: (m: number): string => usd(m),
};

/** Hundredths of a contract as Kalshi writes counts: 1050 → "10.50". */
export function formatContracts(centis: number): string {
  const sign = centis < 0 ? "-" : "";
  const abs = Math.abs(centis);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
