import type { Notification, NotificationChannel } from "../notification.ts";

/** One HTTP POST with a JSON body. `url` may hold a secret (a webhook path, a bot token): never log it. */
export interface OutgoingRequest {
  url: string;
  body: unknown;
}

/** A configured destination: how to turn a notification into the request its service expects. */
export interface ChannelTarget {
  channel: NotificationChannel;
  /** Safe to show and log: the destination with its secret parts masked. */
  destination: string;
  request(n: Notification): OutgoingRequest;
}

/** Cuts text to a service's limit, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Escapes &, < and >: the only characters with meaning in both Slack's mrkdwn and Telegram's HTML
 * parse mode, so text from an event can never turn into markup or a mention.
 */
export const escapeMarkup = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
