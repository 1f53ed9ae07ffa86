import type { Queryable } from "../../db/database.ts";
import { leaderLockKey } from "../../schedule/leader.ts";
import type { ApiContext } from "../context.ts";
import { apiError } from "../errors.ts";

/** Whether some engine holds `accountId`'s leader lock in this database right now. */
export async function accountHasLeader(db: Queryable, accountId: string): Promise<boolean> {
  const [row] = await db.query<{ led: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid = 0
          AND objid = ($1::bigint & 4294967295)::oid
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS led`,
    [leaderLockKey(accountId)],
  );
  return Boolean(row?.led);
}

/**
 * A mutation acts through this engine's EngineControl, which trades `config.accountId` and nothing
 * else. Reading another account is fine; acting for it here would act on the wrong account, so it
 * is refused with ACCOUNT_NOT_SERVED and where to go instead.
 */
export async function assertServedHere(ctx: ApiContext): Promise<void> {
  const served = ctx.config.accountId;
  if (ctx.accountId === served) return;
  const led = await accountHasLeader(ctx.db, ctx.accountId).catch(() => false);
  throw apiError(
    "ACCOUNT_NOT_SERVED",
    `This engine serves account "${served}", not "${ctx.accountId}": ` +
      (led
        ? `send this to the engine started with ACCOUNT_ID=${ctx.accountId} (one is running).`
        : `no engine for "${ctx.accountId}" is running now; start one with ACCOUNT_ID=${ctx.accountId}.`),
    { account: ctx.accountId, servedAccount: served, accountEngineRunning: led },
  );
}

type AnyResolver = (parent: never, args: never, ctx: ApiContext, info: never) => unknown;

/** Wraps mutation resolvers so that none can run for an account this engine does not serve. */
export function servedAccountOnly<M extends Record<string, AnyResolver>>(mutations: M): M {
  const guarded: Record<string, AnyResolver> = {};
  for (const [name, resolve] of Object.entries(mutations)) {
    guarded[name] = async (parent, args, ctx, info) => {
      await assertServedHere(ctx);
      return resolve(parent, args, ctx, info);
    };
  }
  return guarded as M;
}
