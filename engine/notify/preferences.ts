import type { z } from "zod";
import { NotificationPreferencesSet } from "../../events/catalog/notification-preferences-set.ts";
import type { Queryable } from "../db/database.ts";
import { CHANNELS, KINDS, type NotificationChannel, type NotificationKind } from "./notification.ts";
import type { QuietHours } from "./quiet-hours.ts";

export type PreferencesInput = z.input<typeof NotificationPreferencesSet.schema>;

export interface ChannelPreferences {
  channel: NotificationChannel;
  enabled: boolean;
  kinds: NotificationKind[];
  quietHours: QuietHours | null;
  /** null: never set, these are the defaults. */
  updatedAt: string | null;
}

/** A configured channel nobody has set preferences for gets everything, at any hour. */
export const defaultPreferences = (channel: NotificationChannel): ChannelPreferences => ({
  channel,
  enabled: true,
  kinds: [...KINDS],
  quietHours: null,
  updatedAt: null,
});

/**
 * Checks a choice the way the event will, and says what is wrong in words a form can show:
 * "quietHours.start: must be HH:MM (00:00 to 23:59)". Returns the problems, empty when valid.
 */
export function preferenceProblems(input: unknown): string[] {
  const result = NotificationPreferencesSet.schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.map(String).join(".") || "preferences"}: ${i.message}`);
}

interface PreferenceRow {
  channel: string;
  enabled: boolean;
  kinds: unknown;
  quiet_start: string | null;
  quiet_end: string | null;
  updated_at: Date | string;
}

/** Every channel's preferences for the account, from the notification_preferences projection. */
export async function loadPreferences(
  db: Queryable,
  accountId: string,
): Promise<Map<NotificationChannel, ChannelPreferences>> {
  const rows = await db.query<PreferenceRow>(
    `SELECT channel, enabled, kinds, quiet_start, quiet_end, updated_at
     FROM notification_preferences WHERE account_id = $1`,
    [accountId],
  );
  const prefs = new Map<NotificationChannel, ChannelPreferences>();
  for (const channel of CHANNELS) prefs.set(channel, defaultPreferences(channel));
  for (const r of rows) {
    const channel = r.channel as NotificationChannel;
    if (!CHANNELS.includes(channel)) continue;
    const kinds = (typeof r.kinds === "string" ? JSON.parse(r.kinds) : r.kinds) as NotificationKind[];
    prefs.set(channel, {
      channel,
      enabled: r.enabled,
      kinds: KINDS.filter((k) => kinds.includes(k)),
      quietHours: r.quiet_start && r.quiet_end ? { start: r.quiet_start, end: r.quiet_end } : null,
      updatedAt: new Date(r.updated_at).toISOString(),
    });
  }
  return prefs;
}
