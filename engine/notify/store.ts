import { headPosition } from "../../events/store/read.ts";
import { type LogPosition, START_OF_LOG } from "../../events/store/types.ts";
import type { Queryable } from "../db/database.ts";
import type { Notification, NotificationChannel } from "./notification.ts";

/**
 * The notifier's own bookkeeping (schema: notifier_checkpoints, notification_deferred). Like
 * projection_checkpoints it is not a read model of the log but where a reader of it stands.
 */

export async function loadCheckpoint(
  db: Queryable,
  accountId: string,
  channel: NotificationChannel,
): Promise<LogPosition | null> {
  const [row] = await db.query<{ txid: string; global_position: number }>(
    `SELECT transaction_id::text AS txid, global_position FROM notifier_checkpoints
     WHERE account_id = $1 AND channel = $2`,
    [accountId, channel],
  );
  return row ? { transactionId: row.txid, globalPosition: Number(row.global_position) } : null;
}

export async function saveCheckpoint(
  db: Queryable,
  accountId: string,
  channel: NotificationChannel,
  position: LogPosition,
): Promise<void> {
  await db.query(
    `INSERT INTO notifier_checkpoints (account_id, channel, transaction_id, global_position)
     VALUES ($1, $2, $3::text::xid8, $4)
     ON CONFLICT (account_id, channel) DO UPDATE
       SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
    [accountId, channel, position.transactionId, position.globalPosition],
  );
}

/**
 * Where a channel starts reading: its checkpoint, or — the first time it runs — the end of the log,
 * written down at once. A channel added to a year-old install announces what happens from now on,
 * not a year of history.
 */
export async function startingPosition(
  db: Queryable,
  accountId: string,
  channel: NotificationChannel,
): Promise<LogPosition> {
  const saved = await loadCheckpoint(db, accountId, channel);
  if (saved) return saved;
  const head = (await headPosition(db)) ?? START_OF_LOG;
  await saveCheckpoint(db, accountId, channel, head);
  return head;
}

export async function deferNotification(
  db: Queryable,
  channel: NotificationChannel,
  n: Notification,
  releaseAt: number,
): Promise<void> {
  await db.query(
    `INSERT INTO notification_deferred (account_id, channel, event_id, release_at, notification)
     VALUES ($1, $2, $3, $4, $5::text::jsonb) ON CONFLICT DO NOTHING`,
    [n.accountId, channel, n.eventId, new Date(releaseAt).toISOString(), JSON.stringify(n)],
  );
}

/** Held-back notifications whose window has ended, oldest first. */
export async function dueNotifications(
  db: Queryable,
  accountId: string,
  channel: NotificationChannel,
  now: number,
): Promise<Notification[]> {
  const rows = await db.query<{ notification: unknown }>(
    `SELECT notification FROM notification_deferred
     WHERE account_id = $1 AND channel = $2 AND release_at <= $3
     ORDER BY release_at, notification ->> 'occurredAt', event_id`,
    [accountId, channel, new Date(now).toISOString()],
  );
  return rows.map((r) => (typeof r.notification === "string" ? JSON.parse(r.notification) : r.notification));
}

export async function forgetDeferred(
  db: Queryable,
  accountId: string,
  channel: NotificationChannel,
  eventId: string,
): Promise<void> {
  await db.query(
    "DELETE FROM notification_deferred WHERE account_id = $1 AND channel = $2 AND event_id = $3",
    [accountId, channel, eventId],
  );
}
