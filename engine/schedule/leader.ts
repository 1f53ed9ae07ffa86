import { createHash } from "node:crypto";
import type { Database, ReservedConnection } from "../db/database.ts";

/** The advisory-lock key for an account: engines of different accounts lead independently. */
export function leaderLockKey(accountId: string): number {
  return createHash("sha256").update(`conviction:leader:${accountId}`).digest().readUInt32BE(0) >>> 1;
}

export interface LeaderOptions {
  accountId: string;
  /** How often a standby retries and a leader proves its connection still lives. */
  intervalMs?: number;
  onChange?: (leader: boolean) => void;
  onError?: (error: unknown) => void;
}

/**
 * Only one engine per account runs the jobs: the one holding a session-level advisory lock on a
 * dedicated connection. If the leader dies, PostgreSQL drops its connection and the lock with it,
 * and a standby takes over at its next attempt (within `intervalMs`). A leader that loses its
 * connection steps down at once rather than trade without the lock.
 */
export class Leadership {
  #conn: ReservedConnection | null = null;
  #leader = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  readonly key: number;

  constructor(
    readonly db: Database,
    readonly options: LeaderOptions,
  ) {
    this.key = leaderLockKey(options.accountId);
  }

  get isLeader(): boolean {
    return this.#leader;
  }

  #set(leader: boolean) {
    if (leader === this.#leader) return;
    this.#leader = leader;
    this.options.onChange?.(leader);
  }

  /** One attempt: acquire if a standby, prove the lock is still ours if the leader. */
  async check(): Promise<boolean> {
    try {
      if (!this.#conn) this.#conn = await this.db.reserve();
      if (this.#leader) {
        const [row] = await this.#conn.query<{ held: boolean }>(
          "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objid = ($1::bigint & 4294967295)::oid AND granted) AS held",
          [this.key],
        );
        if (!row?.held) throw new Error("leader lock lost");
        return true;
      }
      const [row] = await this.#conn.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
        this.key,
      ]);
      this.#set(Boolean(row?.ok));
      return this.#leader;
    } catch (error) {
      this.options.onError?.(error);
      this.#set(false);
      const conn = this.#conn;
      this.#conn = null;
      await conn?.release().catch(() => {});
      return false;
    }
  }

  /** Keeps checking in the background until stopped. */
  async start(): Promise<boolean> {
    const first = await this.check();
    const loop = () => {
      if (this.#stopped) return;
      this.#timer = setTimeout(async () => {
        await this.check();
        loop();
      }, this.options.intervalMs ?? 1000);
    };
    loop();
    return first;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    const conn = this.#conn;
    this.#conn = null;
    if (conn && this.#leader) await conn.query("SELECT pg_advisory_unlock($1)", [this.key]).catch(() => {});
    await conn?.release().catch(() => {});
    this.#set(false);
  }
}
