import type { Config } from "../../config/index.ts";
import type { Queryable } from "../../db/database.ts";
import { CHANNELS } from "../../notify/notification.ts";
import { loadPreferences } from "../../notify/preferences.ts";
import { maskedDestination } from "../../notify/targets.ts";

/**
 * Each channel as the Settings page shows it: the user's choice (the notification_preferences
 * projection) beside whether the environment configures it, its destination masked.
 */
export async function notificationSettings(db: Queryable, config: Config) {
  const prefs = await loadPreferences(db, config.accountId);
  return CHANNELS.map((channel) => {
    const p = prefs.get(channel);
    const destination = maskedDestination(config.notify, channel);
    return {
      channel,
      configured: destination !== null,
      destination,
      enabled: p?.enabled ?? true,
      kinds: p?.kinds ?? [],
      quietHours: p?.quietHours ?? null,
      timezone: config.timezone,
      updatedAt: p?.updatedAt ?? null,
    };
  });
}
