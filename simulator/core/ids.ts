/** Identifiers that are pure functions of their inputs, so replays give identical ids. */
import { hash3, hash4 } from "./hash.ts";

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, "0");

/** A v4-shaped UUID from three numbers (e.g. market key, stream, counter). */
export function hashUuid(a: number, b: number, c: number): string {
  const w0 = hash3(a, b, c);
  const w1 = hash4(a, b, c, 1);
  const w2 = (hash4(a, b, c, 2) & 0x3fffffff) | 0x80000000; // variant 10xx
  const w3 = hash4(a, b, c, 3);
  const h1 = hex8(w1);
  return `${hex8(w0)}-${h1.slice(0, 4)}-4${h1.slice(5, 8)}-${hex8(w2).slice(0, 4)}-${hex8(w2).slice(4)}${hex8(w3)}`;
}
