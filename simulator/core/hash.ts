/**
 * Counter-based randomness: a number is a pure function of (key, counter), never of how many
 * numbers were drawn before. That is what lets a market's price at any time be computed on demand
 * without replaying its history, so 100,000 markets cost nothing until someone looks at one, and
 * the answer does not depend on who looked first.
 */

/** murmur3's 32-bit finaliser: a cheap bijective avalanche. */
function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one more 32-bit value into a hash. */
export function mix(h: number, value: number): number {
  // Split large counters (step indices, timestamps) so values above 2^32 still differ.
  const lo = value >>> 0;
  const hi = Math.floor(value / 4294967296) >>> 0;
  let x = fmix32((h ^ Math.imul(lo, 0xcc9e2d51)) + 0x6b43a9b5);
  if (hi !== 0) x = fmix32((x ^ Math.imul(hi, 0x1b873593)) + 0x27d4eb2f);
  return x;
}

export function hash2(a: number, b: number): number {
  return mix(mix(0x9e3779b9, a), b);
}

export function hash3(a: number, b: number, c: number): number {
  return mix(mix(mix(0x9e3779b9, a), b), c);
}

export function hash4(a: number, b: number, c: number, d: number): number {
  return mix(mix(mix(mix(0x9e3779b9, a), b), c), d);
}

/** A 32-bit key for a string (tickers, stream names). FNV-1a, then avalanche. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Uniform in [0, 1) from a hash. */
export const unit = (h: number): number => (h >>> 0) / 4294967296;

/** Standard normal from two hashes (Box–Muller). */
export function gaussian(h1: number, h2: number): number {
  const u1 = ((h1 >>> 0) + 0.5) / 4294967296;
  const u2 = (h2 >>> 0) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Standard normal for (key, counter). */
export function gaussianAt(key: number, counter: number): number {
  const h = hash2(key, counter);
  return gaussian(h, fmix32(h ^ 0x5bd1e995));
}

/** Named sub-streams so different uses of one market key never share numbers. */
export const Stream = {
  forward: 0x0f0f0001,
  backward: 0x0f0f0002,
  outcome: 0x0f0f0003,
  quoteSize: 0x0f0f0004,
  tapeSide: 0x0f0f0005,
  params: 0x0f0f0006,
} as const;
