/**
 * Seeded randomness and identifiers. Domain code takes a Random, never Math.random, so every
 * simulated market path and every backtest can be reproduced from its seed.
 */
import { createHash, randomBytes } from "node:crypto";

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: small, fast, good enough for simulation; not for secrets. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export interface IdGenerator {
  /** A fresh UUID for an event that has no natural key. */
  next(): string;
}

function formatUuid(bytes: Uint8Array, version: number): string {
  const b = Uint8Array.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | (version << 4);
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Writes a 48-bit millisecond count big-endian into bytes 0..5 (the UUIDv7 timestamp field). */
function putTimestamp(bytes: Uint8Array, ms: number): void {
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
}

/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * Ids made one after the other sort one after the other, so each new event's entry in the
 * event_id index lands next to the previous one (the rightmost leaf, hot in cache) instead of on
 * a random page of an ever larger index: cheaper inserts and far less WAL after each checkpoint.
 * Within one millisecond (or if the clock steps back) the timestamp field keeps counting up from
 * the last id, so the order holds for every id this process makes.
 */
function timeOrderedIds(now: () => number, fill: (bytes: Uint8Array) => void): IdGenerator {
  let lastMs = 0;
  let sequence = 0;
  return {
    next() {
      const ms = Math.floor(now());
      if (ms > lastMs) {
        lastMs = ms;
        sequence = 0;
      } else if (++sequence > 0xfff) {
        // 4,096 ids in one millisecond (or the clock stepped back): borrow the next millisecond.
        lastMs++;
        sequence = 0;
      }
      const bytes = new Uint8Array(16);
      fill(bytes);
      putTimestamp(bytes, lastMs);
      // rand_a (12 bits) carries the sequence, so ids within one millisecond stay ordered.
      bytes[6] = (sequence >>> 8) & 0x0f;
      bytes[7] = sequence & 0xff;
      return formatUuid(bytes, 7);
    },
  };
}

/** Random, time-ordered (v7) UUIDs from the OS clock and random source: the production generator. */
export const randomIds: IdGenerator = timeOrderedIds(
  () => Date.now(),
  (bytes) => bytes.set(randomBytes(16)),
);

/** The timestamp field of the first id from seededIds: 2026-01-01T00:00:00Z. */
const SEEDED_EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * Reproducible UUIDs from a seed: tests, backtests and the simulator. Time-ordered like
 * randomIds (v7), but the "time" is a counter from a fixed epoch, one millisecond per id, so the
 * same seed gives the same ids on any machine at any time.
 */
export function seededIds(seed: number): IdGenerator {
  const rnd = seededRandom(seed);
  let counter = 0;
  return timeOrderedIds(
    () => SEEDED_EPOCH_MS + counter++,
    (bytes) => {
      for (let i = 6; i < 16; i++) bytes[i] = Math.floor(rnd.next() * 256);
    },
  );
}

const CONVICTION_NAMESPACE = "conviction";

/**
 * A deterministic UUID (v5-style, SHA-1) for a fact with a natural key, e.g. an exchange fill id.
 * Appending the same fact twice then yields the same event id, which the store stores once.
 */
export function deterministicId(...key: readonly (string | number)[]): string {
  const hash = createHash("sha1")
    .update(CONVICTION_NAMESPACE)
    .update("\u0000")
    .update(key.join("\u0000"))
    .digest();
  return formatUuid(hash, 5);
}
