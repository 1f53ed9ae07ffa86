import type { NotifyConfig } from "../config/index.ts";
import { discordTarget } from "./channels/discord.ts";
import { slackTarget } from "./channels/slack.ts";
import type { ChannelTarget } from "./channels/target.ts";
import { telegramTarget } from "./channels/telegram.ts";
import { webhookTarget } from "./channels/webhook.ts";
import { maskTelegram, maskUrl } from "./mask.ts";
import type { NotificationChannel } from "./notification.ts";

/** The channels the environment configures, in a fixed order. Unconfigured ones simply are not there. */
export function targetsFrom(notify: NotifyConfig): ChannelTarget[] {
  const targets: ChannelTarget[] = [];
  if (notify.slackWebhookUrl)
    targets.push(slackTarget(notify.slackWebhookUrl, maskUrl(notify.slackWebhookUrl)));
  if (notify.discordWebhookUrl)
    targets.push(discordTarget(notify.discordWebhookUrl, maskUrl(notify.discordWebhookUrl)));
  if (notify.telegram) {
    const { botToken, chatId } = notify.telegram;
    targets.push(
      telegramTarget(notify.telegramApiUrl, botToken, chatId, maskTelegram(notify.telegramApiUrl, chatId)),
    );
  }
  if (notify.webhookUrl) targets.push(webhookTarget(notify.webhookUrl, maskUrl(notify.webhookUrl)));
  return targets;
}

/** The masked destination of a channel, or null when it is not configured: what the dashboard shows. */
export function maskedDestination(notify: NotifyConfig, channel: NotificationChannel): string | null {
  return targetsFrom(notify).find((t) => t.channel === channel)?.destination ?? null;
}
