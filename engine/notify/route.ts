import type { Notification } from "./notification.ts";
import type { ChannelPreferences } from "./preferences.ts";
import { inQuietHours, quietHoursEnd } from "./quiet-hours.ts";

export type Route = { action: "send" } | { action: "defer"; until: number } | { action: "skip"; why: string };

/**
 * What a channel does with a notification now (docs/decisions/005-notification-quiet-hours.md):
 * - channel off, or the kind not chosen: skip it;
 * - critical (a breaker halted trading, a stop-loss sale failed): send, quiet hours or not;
 * - anything else inside quiet hours: hold it back and send it when the window ends;
 * - otherwise: send.
 */
export function route(n: Notification, prefs: ChannelPreferences, now: number, timeZone: string): Route {
  if (!prefs.enabled) return { action: "skip", why: "channel turned off" };
  if (!prefs.kinds.includes(n.kind)) return { action: "skip", why: `${n.kind} not chosen` };
  if (n.severity === "critical" || !prefs.quietHours) return { action: "send" };
  if (!inQuietHours(now, timeZone, prefs.quietHours)) return { action: "send" };
  return { action: "defer", until: quietHoursEnd(now, timeZone, prefs.quietHours) };
}
