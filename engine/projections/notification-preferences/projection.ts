import { defineProjection } from "../projection.ts";

export interface NotificationPreferencesRow extends Record<string, unknown> {
  account_id: string;
  channel: string;
  enabled: boolean;
  kinds: string[];
  quiet_start: string | null;
  quiet_end: string | null;
  updated_at: string;
}

/** The seed's notification_preferences: each channel's latest choice, set from the dashboard. */
export const notificationPreferencesProjection = defineProjection<NotificationPreferencesRow>({
  name: "notification_preferences",
  version: 1,
  table: "notification_preferences",
  primaryKey: ["account_id", "channel"],
  handles: ["NotificationPreferencesSet"],
  keyOf: (e) => (e.type === "NotificationPreferencesSet" ? [e.metadata.accountId, e.data.channel] : null),
  evolve(row, event) {
    if (event.type !== "NotificationPreferencesSet") return row;
    return {
      account_id: event.metadata.accountId,
      channel: event.data.channel,
      enabled: event.data.enabled,
      kinds: event.data.kinds,
      quiet_start: event.data.quietHours?.start ?? null,
      quiet_end: event.data.quietHours?.end ?? null,
      updated_at: event.metadata.occurredAt,
    };
  },
});
