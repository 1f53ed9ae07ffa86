import { z } from "zod";
import { defineEvent } from "../define.ts";

/** Where notifications can go. Each destination itself is configuration (a secret), never an event. */
export const notificationChannel = z.enum(["slack", "discord", "telegram", "webhook"]);

/** What a notification is about; a channel subscribes to any of these. */
export const notificationKind = z.enum(["trade", "stop_loss", "resolution", "breaker", "error", "report"]);

/** "HH:MM", 24-hour, local time in the configured TZ. */
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (00:00 to 23:59)");

/**
 * The user's choice for one channel, from the dashboard's Settings page: whether it is on, which
 * kinds it receives, and a quiet-hours window. Replaces the channel's previous choice whole.
 * Carries no destination: webhook URLs and tokens stay in the environment, out of the log.
 */
export const NotificationPreferencesSet = defineEvent({
  type: "NotificationPreferencesSet",
  version: 1,
  schema: z.object({
    channel: notificationChannel,
    enabled: z.boolean(),
    kinds: z.array(notificationKind).refine((k) => new Set(k).size === k.length, "kinds must not repeat"),
    /** Local [start, end) in TZ; start > end wraps past midnight; null: no quiet hours. */
    quietHours: z
      .object({ start: localTime, end: localTime })
      .refine((q) => q.start !== q.end, "quiet hours must not start and end at the same time")
      .nullable(),
  }),
});
