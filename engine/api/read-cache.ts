import type { Queryable } from "../db/database.ts";

/**
 * A cache of projection reads keyed by the read models' version. Every read table is written only
 * by its projection, in the same transaction as that projection's checkpoint, so while no
 * checkpoint moves no row can have changed: a cached read is exactly what the tables would say.
 * The dashboard polls the same few reads (overview, the first page of trades) far more often than
 * events arrive; with the version kept in memory (read-model-version.ts) a repeated read costs no
 * query at all. Keys must name everything the read depends on, the account above all.
 */
export class ReadCache {
  readonly #entries = new Map<string, { version: string; value: Promise<unknown> }>();

  /**
   * @param versions the version kept in memory (read-model-version.ts); without it every request
   *   asks the database once (metrics scrapes, which are rare, do).
   */
  constructor(
    private readonly maxEntries = 256,
    readonly versions: { current(): Promise<string> } | null = null,
  ) {}

  /** The read models' version now: remembered when a tracker is attached, else one query. */
  currentVersion(db: Queryable): Promise<string> {
    return this.versions ? this.versions.current() : readModelVersion(db);
  }

  get<T>(key: string, version: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.version === version) {
      // Least recently used goes first: re-insert to move to the back.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    const entry = { version, value };
    this.#entries.set(key, entry);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    // A failed read is not remembered.
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Every projection's checkpoint, as one string: it changes whenever any read table does. */
export async function readModelVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ v: string | null }>(
    `SELECT string_agg(projection || '@' || projection_version || ':' || transaction_id::text || ':' || global_position, ','
       ORDER BY projection) AS v
     FROM projection_checkpoints`,
  );
  return row?.v ?? "";
}
