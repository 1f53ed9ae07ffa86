import { decodeEvent } from "../../events/codec.ts";
import { EVENTS_CHANNEL } from "../../events/store/append.ts";
import { readAll } from "../../events/store/read.ts";
import { comparePositions, type LogPosition, START_OF_LOG } from "../../events/store/types.ts";
import type { Database, Queryable } from "../db/database.ts";
import { applyBatch, PROJECTION_LOCK, qualified } from "./apply.ts";
import type { TableProjection } from "./projection.ts";
import { replayFromEmpty } from "./replay.ts";

/** Events per page of an in-memory replay when no batchSize is given. */
const REPLAY_PAGE = 5_000;

export interface ProjectorOptions {
  /** Where the read tables live: "public" for the live ones, a scratch schema for verification. */
  schema?: string;
  batchSize?: number;
  /** Stop at this position (inclusive): rebuild a scratch copy up to where the live tables are. */
  until?: LogPosition;
  onBatch?: (info: { events: number; position: LogPosition }) => void;
}

async function loadCheckpoints(q: Queryable, schema: string, projections: readonly TableProjection[]) {
  const rows = await q.query<{
    projection: string;
    projection_version: number;
    txid: string;
    global_position: number;
  }>(
    `SELECT projection, projection_version, transaction_id::text AS txid, global_position FROM ${qualified(schema, "projection_checkpoints")}`,
  );
  const checkpoints = new Map<string, LogPosition>();
  const stale: TableProjection[] = [];
  for (const p of projections) {
    const row = rows.find((r) => r.projection === p.name);
    if (row && row.projection_version !== p.version) stale.push(p);
    else if (row) checkpoints.set(p.name, { transactionId: row.txid, globalPosition: row.global_position });
  }
  return { checkpoints, stale };
}

/**
 * Keeps read tables in step with the log. The same code serves the live engine (follow), start-up
 * and crash recovery (catchUp), `replay` (rebuild) and `replay --verify` (a scratch schema).
 */
export class Projector {
  readonly schema: string;

  constructor(
    readonly db: Database,
    readonly projections: readonly TableProjection[],
    readonly options: ProjectorOptions = {},
  ) {
    this.schema = options.schema ?? "public";
  }

  /** A projection whose version changed starts again from an empty table. */
  async resetStale(): Promise<string[]> {
    const { stale } = await loadCheckpoints(this.db, this.schema, this.projections);
    for (const p of stale) await this.#reset(this.db, p);
    return stale.map((p) => p.name);
  }

  async #reset(q: Queryable, p: TableProjection) {
    await q.query(`DELETE FROM ${qualified(this.schema, p.table)}`);
    await q.query(`DELETE FROM ${qualified(this.schema, "projection_checkpoints")} WHERE projection = $1`, [
      p.name,
    ]);
  }

  /** Applies one batch from where the projections stand. Returns how many events were read. */
  async step(): Promise<number> {
    const batchSize = this.options.batchSize ?? 2000;
    return this.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [PROJECTION_LOCK]);
      const { checkpoints } = await loadCheckpoints(tx, this.schema, this.projections);
      // The slowest projection decides where to read from; the others skip what they have seen.
      const from =
        this.projections
          .map((p) => checkpoints.get(p.name) ?? START_OF_LOG)
          .reduce<LogPosition | null>((a, b) => (a && comparePositions(a, b) <= 0 ? a : b), null) ??
        START_OF_LOG;
      // Every type is read and decoded, not just the handled ones: an unknown type must fail loudly.
      let stored = await readAll(tx, { after: from, limit: batchSize });
      const until = this.options.until;
      if (until) stored = stored.filter((e) => comparePositions(e.position, until) <= 0);
      if (stored.length === 0) return 0;
      // Decoding fails loudly on an unknown type or a schema break, naming the event.
      const events = stored.map(decodeEvent);
      await applyBatch(tx, this.schema, this.projections, checkpoints, events);
      const last = events.at(-1);
      if (last) this.options.onBatch?.({ events: events.length, position: last.position });
      return events.length;
    });
  }

  /**
   * Applies everything currently readable. Start-up and crash recovery run exactly this.
   * Projections that start from nothing (no checkpoint, empty table: a new install, a new or
   * re-versioned projection, a verify scratch schema) are first replayed in memory.
   */
  async catchUp(): Promise<number> {
    await this.resetStale();
    let total = await this.#replayFresh();
    for (;;) {
      const n = await this.step();
      if (n === 0) return total;
      total += n;
    }
  }

  /**
   * Rebuilds every table from the whole log. The log is replayed in memory and the tables are
   * swapped in one transaction (emptied, rewritten, checkpoints moved), so readers never see a
   * half-built table and a failing replay leaves the old tables in place. What was appended
   * during the replay is then applied incrementally.
   */
  async rebuild(): Promise<number> {
    const replayed = await this.#replay(this.projections, true);
    return replayed + (await this.catchUp());
  }

  async #replayFresh(): Promise<number> {
    const { checkpoints } = await loadCheckpoints(this.db, this.schema, this.projections);
    const fresh: TableProjection[] = [];
    for (const p of this.projections) {
      if (checkpoints.has(p.name)) continue;
      const [row] = await this.db.query<{ empty: boolean }>(
        `SELECT NOT EXISTS (SELECT 1 FROM ${qualified(this.schema, p.table)}) AS empty`,
      );
      if (row?.empty) fresh.push(p);
    }
    return fresh.length ? this.#replay(fresh, false) : 0;
  }

  async #replay(projections: readonly TableProjection[], writeWhenEmpty: boolean): Promise<number> {
    const result = await replayFromEmpty(this.db, projections, {
      schema: this.schema,
      pageSize: this.options.batchSize ?? REPLAY_PAGE,
      until: this.options.until,
      onBatch: this.options.onBatch,
      writeWhenEmpty,
    });
    return result.events;
  }

  /**
   * Follows the log live: catch up, then sleep until a NOTIFY (or the poll interval) and repeat.
   * The checkpoint in the database is the cursor, so a crash loses nothing.
   */
  follow(onError: (error: unknown) => void = () => {}, pollIntervalMs = 1000): { stop(): Promise<void> } {
    let stopped = false;
    let wake: (() => void) | null = null;
    const unlisten = this.db
      .listen(EVENTS_CHANNEL, () => wake?.())
      .catch((error) => {
        onError(error);
        return async () => {};
      });
    const loop = (async () => {
      await unlisten;
      while (!stopped) {
        try {
          await this.catchUp();
        } catch (error) {
          onError(error);
        }
        if (stopped) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    })();
    return {
      async stop() {
        stopped = true;
        wake?.();
        await loop;
        await (await unlisten)();
      },
    };
  }
}
