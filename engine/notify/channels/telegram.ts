import type { Notification } from "../notification.ts";
import { type ChannelTarget, clip, escapeMarkup } from "./target.ts";

const ICON = { info: "ℹ️", success: "✅", warning: "⚠️", critical: "🚨" } as const;

/** The text of a sendMessage call, in parse_mode HTML; Telegram caps a message at 4096 characters. */
export function telegramText(n: Notification): string {
  const lines = [`${ICON[n.severity]} <b>${escapeMarkup(n.title)}</b>`, escapeMarkup(n.text)];
  if (n.fields.length > 0) {
    lines.push("", ...n.fields.map((f) => `<b>${escapeMarkup(f.label)}:</b> ${escapeMarkup(f.value)}`));
  }
  lines.push("", `<i>${escapeMarkup(`Conviction · ${n.accountId} · ${n.kind} · ${n.occurredAt}`)}</i>`);
  // Cut before escaping could split an entity: shorten the plain text instead when too long.
  const html = lines.join("\n");
  return html.length <= 4096
    ? html
    : `${ICON[n.severity]} <b>${escapeMarkup(clip(n.title, 200))}</b>\n${escapeMarkup(clip(n.text, 3800))}`;
}

/** Bot API sendMessage: POST {apiUrl}/bot<token>/sendMessage with chat_id, text and parse_mode. */
export function telegramPayload(n: Notification, chatId: string) {
  return { chat_id: chatId, text: telegramText(n), parse_mode: "HTML", disable_web_page_preview: true };
}

export function telegramTarget(
  apiUrl: string,
  botToken: string,
  chatId: string,
  destination: string,
): ChannelTarget {
  const url = `${apiUrl.replace(/\/+$/, "")}/bot${botToken}/sendMessage`;
  return { channel: "telegram", destination, request: (n) => ({ url, body: telegramPayload(n, chatId) }) };
}
