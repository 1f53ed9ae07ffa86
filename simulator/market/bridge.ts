/**
 * A Brownian path evaluated at any integer step in O(log n), by Lévy's midpoint construction:
 * the value at the end of an interval is drawn first, then each midpoint given its two ends.
 * Every draw is keyed by (path key, midpoint), so the path is a pure function of its key — no
 * state, no replay, identical whichever times are asked for and in whatever order.
 *
 * Steps run from −SPAN to +SPAN around the catalog's creation time; forward and backward halves
 * are independent paths that both start at 0. With one-minute steps SPAN covers about 4 years.
 */
import { gaussianAt, mix, Stream } from "../core/hash.ts";

const LEVELS = 21;
export const SPAN = 2 ** LEVELS;
const ROOT_ID = SPAN * 2 + 1; // an id no midpoint uses

function half(key: number, n: number): number {
  if (n <= 0) return 0;
  const target = Math.min(n, SPAN);
  let a = 0;
  let b = SPAN;
  let va = 0;
  let vb = Math.sqrt(SPAN) * gaussianAt(key, ROOT_ID);
  if (target === b) return vb;
  while (b - a > 1) {
    const m = (a + b) / 2;
    const vm = (va + vb) / 2 + Math.sqrt((b - a) / 4) * gaussianAt(key, m);
    if (target === m) return vm;
    if (target < m) {
      b = m;
      vb = vm;
    } else {
      a = m;
      va = vm;
    }
  }
  return target === a ? va : vb;
}

/** Standard Brownian motion at integer step n (variance |n|), B(0) = 0. */
export function brownian(key: number, n: number): number {
  return n >= 0 ? half(mix(key, Stream.forward), n) : half(mix(key, Stream.backward), -n);
}
