import type { Database } from "../db/database.ts";
import { readModelVersion } from "./read-cache.ts";

/** NOTIFYed by a trigger whenever projection_checkpoints changes (schema/005_read_model_notify.sql). */
export const READ_MODELS_CHANNEL = "conviction_read_models";

export interface ReadModelVersionOptions {
  /**
   * A remembered version is asked again after this long even without a notification: the bound
   * on staleness if a NOTIFY is ever lost (a LISTEN connection dropped and re-established).
   */
  maxAgeMs?: number;
  /** Real elapsed time (never market time: an accelerated clock must not shorten the bound). */
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * The read models' version (read-cache.ts), kept in memory. Asking the database on every request
 * cost a query per request — on PGlite, a query on the one connection, run on the event loop,
 * queued behind every other — even when the answer came from the cache. Here the version is read
 * once and forgotten when a checkpoint moves: the trigger's NOTIFY (any writer, any process),
 * `invalidate()` (this process knows it wrote, e.g. after a mutation), or `maxAgeMs` at the latest.
 *
 * An invalidation drops the remembered read even while it is in flight: it may predate the commit
 * that caused the invalidation, so the next caller asks again.
 */
export class ReadModelVersion {
  readonly #db: Database;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  #current: { value: Promise<string>; at: number } | null = null;
  #unlisten: Promise<() => Promise<void>> | null = null;
  #waiters: (() => void)[] = [];

  constructor(db: Database, options: ReadModelVersionOptions = {}) {
    this.#db = db;
    this.#maxAgeMs = options.maxAgeMs ?? 1000;
    this.#now = options.now ?? (() => performance.now());
    this.#onError = options.onError ?? (() => {});
  }

  /** LISTENs for checkpoint moves. Until it resolves, every call reads the database. */
  start(): Promise<void> {
    this.#unlisten ??= this.#db
      .listen(READ_MODELS_CHANNEL, () => this.invalidate())
      .catch((error) => {
        this.#onError(error);
        this.#unlisten = null;
        return async () => {};
      });
    return this.#unlisten.then(() => {
      // Anything remembered before the LISTEN took effect may have missed a notification.
      this.invalidate();
    });
  }

  async stop(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = null;
    this.#current = null;
    if (unlisten) await (await unlisten)();
  }

  get listening(): boolean {
    return this.#unlisten !== null;
  }

  current(): Promise<string> {
    const now = this.#now();
    const known = this.#current;
    if (known && this.#unlisten !== null && now - known.at < this.#maxAgeMs) return known.value;
    const value = readModelVersion(this.#db);
    const entry = { value, at: now };
    if (this.#unlisten !== null) this.#current = entry;
    // A failed read is not remembered.
    value.catch(() => {
      if (this.#current === entry) this.#current = null;
    });
    return value;
  }

  /** Forgets the version: a checkpoint moved (or may have). */
  invalidate(): void {
    this.#current = null;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at the next invalidation: lets a test wait for the notification, not for time. */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
