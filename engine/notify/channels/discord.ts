import type { Notification } from "../notification.ts";
import { type ChannelTarget, clip } from "./target.ts";

/** Embed side-bar colours as Discord wants them: an RGB integer. */
const COLOR = { info: 0x3b82f6, success: 0x22c55e, warning: 0xf59e0b, critical: 0xef4444 } as const;

/**
 * Discord webhook JSON: one embed. `allowed_mentions` is empty so text from an event (an error
 * message, a report) can never ping @everyone. Limits from Discord: title 256, description 4096,
 * 25 fields with names of 256 and values of 1024.
 */
export function discordPayload(n: Notification) {
  return {
    username: "Conviction",
    // A breaker gets a line above the embed too: that is what shows in a phone's notification.
    content: n.severity === "critical" ? clip(`🚨 ${n.title}`, 2000) : "",
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: clip(n.title, 256),
        description: clip(n.text, 4096),
        color: COLOR[n.severity],
        fields: n.fields
          .slice(0, 25)
          .map((f) => ({ name: clip(f.label, 256), value: clip(f.value || "—", 1024), inline: true })),
        timestamp: n.occurredAt,
        footer: { text: clip(`Conviction · ${n.accountId} · ${n.kind}`, 2048) },
      },
    ],
  };
}

export function discordTarget(webhookUrl: string, destination: string): ChannelTarget {
  return { channel: "discord", destination, request: (n) => ({ url: webhookUrl, body: discordPayload(n) }) };
}
