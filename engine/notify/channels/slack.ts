import type { Notification } from "../notification.ts";
import { type ChannelTarget, clip, escapeMarkup } from "./target.ts";

const ICON = { info: "ℹ️", success: "✅", warning: "⚠️", critical: "🚨" } as const;

/**
 * Slack incoming-webhook JSON: `text` is the fallback (notifications, screen readers), `blocks` the
 * message. Limits from Slack's Block Kit: header 150 characters, section text 3000, at most 10
 * fields of 2000 each.
 */
export function slackPayload(n: Notification) {
  const blocks: unknown[] = [
    {
      type: "header",
      text: { type: "plain_text", text: clip(`${ICON[n.severity]} ${n.title}`, 150), emoji: true },
    },
    { type: "section", text: { type: "mrkdwn", text: clip(escapeMarkup(n.text), 3000) } },
  ];
  if (n.fields.length > 0) {
    blocks.push({
      type: "section",
      fields: n.fields.slice(0, 10).map((f) => ({
        type: "mrkdwn",
        text: clip(`*${escapeMarkup(f.label)}*\n${escapeMarkup(f.value)}`, 2000),
      })),
    });
  }
  blocks.push({
    type: "context",
    elements: [
      { type: "mrkdwn", text: escapeMarkup(`Conviction · ${n.accountId} · ${n.kind} · ${n.occurredAt}`) },
    ],
  });
  return { text: clip(`${n.title}: ${n.text}`, 3000), blocks };
}

export function slackTarget(webhookUrl: string, destination: string): ChannelTarget {
  return { channel: "slack", destination, request: (n) => ({ url: webhookUrl, body: slackPayload(n) }) };
}
