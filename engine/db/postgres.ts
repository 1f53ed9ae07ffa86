import postgres from "postgres";
import type { Database, Queryable, Row } from "./database.ts";

export interface PostgresOptions {
  /** Pool size. The event store's concurrency tests need several connections. */
  max?: number;
  /** Quiet NOTICEs (e.g. "schema already exists") unless debugging. */
  onnotice?: (notice: unknown) => void;
  /** How long close() lets running queries finish before it cuts connections. */
  closeTimeoutSeconds?: number;
}

/** PostgreSQL through postgres.js, behind the same interface as PGlite. */
export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const connect = (max: number) =>
    postgres(url, {
      max,
      onnotice: options.onnotice ?? (() => {}),
      // int8 as number, like PGlite: positions, counts and micros all fit in 2^53.
      types: {
        bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      },
      connection: { application_name: "conviction" },
    });
  const sql = connect(options.max ?? 10);
  const runner = (s: postgres.Sql | postgres.TransactionSql): Queryable => ({
    async query<T = Row>(text: string, params?: readonly unknown[]) {
      const rows = await s.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
  });
  return {
    kind: "postgres",
    ...runner(sql),
    async exec(text) {
      await sql.unsafe(text);
    },
    async transaction(fn) {
      return (await sql.begin((tx) => fn(runner(tx)))) as Awaited<ReturnType<typeof fn>>;
    },
    async listen(channel, onNotify) {
      const { unlisten } = await sql.listen(channel, (payload) => onNotify(payload));
      return unlisten;
    },
    async reserve() {
      // A pool of one rather than sql.reserve(): postgres.js crashes (socket.write on null) when a
      // reserved connection is used after its backend died, while a pool of one just reconnects.
      // The new session holds none of the old one's locks, which is what a lock holder must notice.
      const single = connect(1);
      return { ...runner(single), release: async () => single.end({ timeout: 1 }) };
    },
    async close() {
      await sql.end({ timeout: options.closeTimeoutSeconds ?? 5 });
    },
  };
}
