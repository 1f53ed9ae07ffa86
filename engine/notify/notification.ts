import type { z } from "zod";
import type {
  notificationChannel,
  notificationKind,
} from "../../events/catalog/notification-preferences-set.ts";

export type NotificationChannel = z.infer<typeof notificationChannel>;
export type NotificationKind = z.infer<typeof notificationKind>;

export const CHANNELS: readonly NotificationChannel[] = ["slack", "discord", "telegram", "webhook"];
export const KINDS: readonly NotificationKind[] = [
  "trade",
  "stop_loss",
  "resolution",
  "breaker",
  "error",
  "report",
];

/**
 * critical: needs a person now (a breaker halted trading, a stop-loss sale failed); it alone is
 * sent during quiet hours. See docs/decisions/005-notification-quiet-hours.md.
 */
export type Severity = "info" | "success" | "warning" | "critical";

/**
 * One message, before any channel's format: built from one event, so the same event always gives
 * the same message. Plain data (it is stored while quiet hours hold it back): no destination, no secret.
 */
export interface Notification {
  eventId: string;
  eventType: string;
  kind: NotificationKind;
  severity: Severity;
  title: string;
  text: string;
  fields: { label: string; value: string }[];
  occurredAt: string;
  accountId: string;
}
