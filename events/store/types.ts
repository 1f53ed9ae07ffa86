/** What the store keeps. The typed catalog (events/catalog) sits on top of these raw shapes. */

/** Who made a fact happen. Backtests write to their own logs, never mixed with live facts. */
export type Actor = "engine" | "user" | "backtest" | "system";

export interface EventMetadata {
  /** Shared by every event of one causal chain (e.g. one trade from scan to resolution). */
  correlationId: string;
  /** The event (or command id) that directly caused this one. */
  causationId: string | null;
  actor: Actor;
  /** From the injected clock: when the fact happened in the engine's world (replays keep it). */
  occurredAt: string;
  /** Which Kalshi account or strategy this engine trades for. */
  accountId: string;
}

export interface NewEvent {
  /** Deterministic where the fact has a natural key (deterministicId), else from an IdGenerator. */
  id: string;
  type: string;
  version: number;
  data: unknown;
  metadata: EventMetadata;
}

/** A position in the global log: ordered by transaction id first, then global position. */
export interface LogPosition {
  /** xid8 as a decimal string (64-bit). */
  transactionId: string;
  globalPosition: number;
}

export const START_OF_LOG: LogPosition = { transactionId: "0", globalPosition: 0 };

export interface StoredEvent {
  id: string;
  type: string;
  version: number;
  streamId: string;
  streamVersion: number;
  data: unknown;
  metadata: EventMetadata;
  position: LogPosition;
  recordedAt: string;
}

/**
 * The optimistic-concurrency check for an append:
 * - "any": no check.
 * - "no_stream": the stream must not exist yet.
 * - "stream_exists": the stream must have at least one event.
 * - a number: the stream's current version must be exactly that (0 = empty).
 */
export type ExpectedVersion = "any" | "no_stream" | "stream_exists" | number;

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  /** How many events were new; events whose id was already stored are skipped (idempotency). */
  appended: number;
  /** Positions of the newly stored events. */
  positions: LogPosition[];
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}

export const formatPosition = (p: LogPosition): string => `${p.transactionId}:${p.globalPosition}`;

export function parsePosition(text: string): LogPosition {
  const m = /^(\d+):(\d+)$/.exec(text);
  if (!m) throw new RangeError(`${JSON.stringify(text)} is not a log position (expected "txid:position")`);
  return { transactionId: m[1] as string, globalPosition: Number(m[2]) };
}
