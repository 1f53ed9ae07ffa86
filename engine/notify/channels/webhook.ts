import type { Notification } from "../notification.ts";
import type { ChannelTarget } from "./target.ts";

/**
 * The generic webhook: the notification itself as versioned JSON, for anything that is not Slack,
 * Discord or Telegram (a pager, a home-grown bot, a log sink). `id` is the event's id: a receiver
 * can use it to drop the rare duplicate (delivery is at least once).
 */
export function webhookPayload(n: Notification) {
  return {
    version: 1,
    source: "conviction",
    id: n.eventId,
    kind: n.kind,
    severity: n.severity,
    title: n.title,
    text: n.text,
    fields: n.fields,
    eventType: n.eventType,
    occurredAt: n.occurredAt,
    accountId: n.accountId,
  };
}

export function webhookTarget(url: string, destination: string): ChannelTarget {
  return { channel: "webhook", destination, request: (n) => ({ url, body: webhookPayload(n) }) };
}
